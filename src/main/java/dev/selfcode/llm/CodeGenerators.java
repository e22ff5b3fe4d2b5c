package dev.selfcode.llm;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import dev.selfcode.engine.FailureKind;
import dev.selfcode.engine.StageFailure;

/** Finds a code generator by its name ("llm", "template"), as the CLI's {@code --generator} names it. */
@ApplicationScoped
public class CodeGenerators {

    @Inject
    @Any
    Instance<CodeGenerator> generators;

    /** @throws StageFailure BAD_INPUT for an unknown name, listing the known ones */
    public CodeGenerator byName(String name) {
        for (CodeGenerator generator : generators) {
            if (generator.name().equals(name)) {
                return generator;
            }
        }
        throw new StageFailure(FailureKind.BAD_INPUT,
                "unknown generator '" + name + "'; choose one of " + String.join(", ", names()));
    }

    /** Every generator's name, sorted. */
    public List<String> names() {
        return generators.stream().map(CodeGenerator::name).sorted().toList();
    }
}
