package dev.selfcode.metrics;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The errors one metric sample attributed to one source file and function (null: outside any known function). */
@Entity
@Table(name = "module_error")
public class ModuleErrorSample extends PanacheEntityBase {

    /** The longest file path kept (the column's width); longer paths are cut. */
    static final int MAX_FILE = 512;
    static final int MAX_FUNCTION = 191;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String repo;
    @Column(name = "sample_id")
    public long sampleId;
    public String file;
    @Column(name = "function_name")
    public String function;
    @Column(name = "lint_findings")
    public int lintFindings;
    @Column(name = "test_failures")
    public int testFailures;

    public int errors() {
        return lintFindings + testFailures;
    }

    /** The rows of one file of a repository (and one function, unless {@code function} is null), newest first. */
    public static java.util.List<ModuleErrorSample> of(String repo, String file, String function) {
        return function == null
                ? find("repo = ?1 and file = ?2 order by sampleId desc, id", repo, file).list()
                : find("repo = ?1 and file = ?2 and function = ?3 order by sampleId desc, id", repo, file, function)
                        .list();
    }
}
