package dev.selfcode.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The benchmark's bare endpoint writes the row the webhook path writes, through the same insert. */
@QuarkusTest
@TestProfile(BenchInsertTest.BenchOn.class)
class BenchInsertTest {

    public static class BenchOn implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("selfcode.bench.enabled", "true");
        }
    }

    @Inject
    EntityManager em;

    @Test
    void aPostStoresOneDeliveryOnceLikeAWebhook() {
        given().header("X-GitHub-Delivery", "bench-1").body("{\"zen\":\"hi\"}").post(BenchInsert.PATH).then()
                .statusCode(200);
        given().header("X-GitHub-Delivery", "bench-1").body("{\"zen\":\"hi\"}").post(BenchInsert.PATH).then()
                .statusCode(200);

        @SuppressWarnings("unchecked")
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT event, payload FROM delivery WHERE delivery_id = 'bench-1'").getResultList());
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row[0]).isEqualTo("bench");
            assertThat(row[1]).isNull();
        });
    }
}
