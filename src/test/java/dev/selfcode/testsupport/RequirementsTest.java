package dev.selfcode.testsupport;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class RequirementsTest {

    @Test
    void aMissingRequirementFailsOnCi() {
        assertThatThrownBy(() -> Requirements.require(false, "Docker is not available", "true"))
                .isInstanceOf(AssertionFailedError.class).hasMessageContaining("Docker is not available");
        assertThatThrownBy(() -> Requirements.require(false, "node is not installed", "1"))
                .isInstanceOf(AssertionFailedError.class);
    }

    @Test
    void aMissingRequirementSkipsElsewhere() {
        assertThatThrownBy(() -> Requirements.require(false, "Docker is not available", null))
                .isInstanceOf(TestAbortedException.class).hasMessageContaining("Docker is not available");
        assertThatThrownBy(() -> Requirements.require(false, "Docker is not available", "false"))
                .isInstanceOf(TestAbortedException.class);
    }

    @Test
    void aPresentRequirementDoesNothing() {
        assertThatCode(() -> Requirements.require(true, "x", "true")).doesNotThrowAnyException();
        assertThatCode(() -> Requirements.require(true, "x", null)).doesNotThrowAnyException();
    }
}
