package dev.selfcode.safety;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;

import dev.selfcode.code.JavaSyntax;

/**
 * The guard's rules for Java, on javac's own syntax tree: code a helper added never runs when a class loads (no
 * initializer blocks, no field initializer calling more than a constant factory), never exits, reflects, spawns or
 * reads secrets, and adds members instead of redefining the ones the class has.
 */
final class JavaGuard extends TreeScanner<Void, String> {

    /** Calls a field initializer may make: factories of constants. */
    private static final Set<String> INITIALIZER_CALLS = Set.of("Pattern.compile", "List.of", "Map.of", "Set.of",
            "Map.entry", "Map.ofEntries", "Arrays.asList", "Collections.emptyList", "Collections.emptyMap",
            "Collections.emptySet", "Collections.unmodifiableList", "Collections.unmodifiableMap",
            "Collections.unmodifiableSet", "EnumSet.of", "EnumSet.noneOf", "EnumSet.allOf", "Duration.ofSeconds",
            "Duration.ofMillis", "Duration.ofMinutes", "BigDecimal.valueOf", "BigInteger.valueOf", "Optional.empty",
            "Optional.of", "Logger.getLogger", "LoggerFactory.getLogger", "String.valueOf", "Integer.valueOf",
            "Long.valueOf", "Comparator.comparing", "Comparator.naturalOrder", "Comparator.reverseOrder",
            "DateTimeFormatter.ofPattern", "Locale.of", "Charset.forName", "StandardCharsets.UTF_8");
    /** Types a field initializer may construct: empty containers and value holders. */
    private static final Set<String> INITIALIZER_TYPES = Set.of("HashMap", "ArrayList", "LinkedHashMap", "HashSet",
            "LinkedHashSet", "TreeMap", "TreeSet", "ConcurrentHashMap", "CopyOnWriteArrayList", "ArrayDeque",
            "LinkedList", "EnumMap", "AtomicInteger", "AtomicLong", "AtomicBoolean", "AtomicReference", "Object",
            "StringBuilder", "ReentrantLock", "BigDecimal", "BigInteger", "String");
    /** Method names whose call exits, reflects or escapes, whatever the receiver. */
    private static final Set<String> DENIED_METHODS = Set.of("exit", "halt", "addShutdownHook", "setAccessible",
            "trySetAccessible", "forName", "getDeclaredMethod", "getDeclaredMethods", "getDeclaredField",
            "getDeclaredFields", "getDeclaredConstructor", "getDeclaredConstructors", "privateLookupIn",
            "loadLibrary", "setSecurityManager", "setOut", "setErr", "setIn", "setProperty", "clearProperty",
            "startVirtualThread", "ofVirtual", "ofPlatform");
    /** Types a helper must not name at all. */
    private static final Set<String> DENIED_TYPES = Set.of("Runtime", "ProcessBuilder", "ProcessHandle", "Thread",
            "MethodHandles", "MethodHandle", "Unsafe", "Executors", "ForkJoinPool", "ThreadPoolExecutor",
            "ScheduledThreadPoolExecutor", "Timer", "Socket", "ServerSocket", "DatagramSocket", "URLClassLoader",
            "ClassLoader");
    private static final Set<String> DENIED_PACKAGES = Set.of("java.lang.reflect", "java.lang.invoke", "sun.misc",
            "jdk.internal", "java.net");
    /** Methods that, added to an existing class, change how its existing instances behave. */
    private static final Set<String> OVERRIDING = Set.of("toString", "equals", "hashCode", "finalize", "clone");

    private final JavaSyntax.Parsed patched;
    private final AddedLines added;
    private final Map<String, Set<String>> originalMembers;
    private final Map<Long, List<String>> problems = new TreeMap<>();

    private JavaGuard(JavaSyntax.Parsed patched, AddedLines added, Map<String, Set<String>> originalMembers) {
        this.patched = patched;
        this.added = added;
        this.originalMembers = originalMembers;
    }

    /** Problems of the added lines, {@code line N: ...} counted in the helper; empty when none. */
    static List<String> problems(JavaSyntax.Parsed original, JavaSyntax.Parsed patched, AddedLines added) {
        Map<String, Set<String>> members = new HashMap<>();
        new MemberCollector(members).scan(original.unit(), "");
        JavaGuard guard = new JavaGuard(patched, added, members);
        guard.scan(patched.unit(), "");
        List<String> out = new ArrayList<>();
        guard.problems.forEach((line, list) -> list.stream().distinct()
                .forEach(p -> out.add("line " + line + ": " + p)));
        return out;
    }

    private boolean isAdded(Tree tree) {
        return added.contains(patched.line(tree));
    }

    private void refuse(Tree tree, String problem) {
        problems.computeIfAbsent(added.inHelper(patched.line(tree)), l -> new ArrayList<>()).add(problem);
    }

    @Override
    public Void visitClass(ClassTree node, String owner) {
        String path = owner.isEmpty() ? node.getSimpleName().toString() : owner + "." + node.getSimpleName();
        Set<String> existing = originalMembers.get(path);
        if (isAdded(node) && originalMembers.getOrDefault(owner, Set.of()).contains("class " + node.getSimpleName())) {
            refuse(node, "redefines " + path + ", which the file already has; a helper may only add new names");
        }
        for (Tree member : node.getMembers()) {
            if (!isAdded(member)) {
                continue;
            }
            if (member instanceof BlockTree block) {
                refuse(block, (block.isStatic()
                        ? "a static {} block runs when the class loads"
                        : "an instance initializer block runs on construction") + "; a helper may only define");
            } else if (member instanceof VariableTree field) {
                if (field.getInitializer() != null) {
                    checkInitializer(field.getInitializer(), field.getName().toString());
                }
                if (existing != null && existing.contains("field " + field.getName())) {
                    refuse(field, "redefines the field " + path + "." + field.getName()
                            + ", which the class already has; a helper may only add new names");
                }
            } else if (member instanceof MethodTree method && existing != null) {
                String signature = signature(method);
                if (existing.contains(signature)) {
                    refuse(method, "redefines " + path + "." + signature.substring("method ".length())
                            + ", which the class already has; a helper may only add new names");
                } else if (OVERRIDING.contains(method.getName().toString()) || overrides(method)) {
                    refuse(method, "adds " + method.getName() + "() to the existing class " + path
                            + ", which changes how its existing objects behave; a helper may only add new names");
                }
            }
        }
        return super.visitClass(node, path);
    }

    private static boolean overrides(MethodTree method) {
        return method.getModifiers().getAnnotations().stream().map(AnnotationTree::getAnnotationType)
                .anyMatch(t -> t.toString().endsWith("Override"));
    }

    private void checkInitializer(ExpressionTree init, String field) {
        new TreeScanner<Void, Void>() {

            @Override
            public Void visitMethodInvocation(MethodInvocationTree call, Void v) {
                String name = lastTwo(call.getMethodSelect().toString());
                if (!INITIALIZER_CALLS.contains(name)) {
                    refuse(call, "the initializer of " + field + " calls " + name
                            + "(...) when the class loads; a helper may only define");
                }
                return super.visitMethodInvocation(call, v);
            }

            @Override
            public Void visitNewClass(NewClassTree created, Void v) {
                String type = simpleName(created.getIdentifier().toString());
                if (!INITIALIZER_TYPES.contains(type) || created.getClassBody() != null) {
                    refuse(created, "the initializer of " + field + " constructs " + type
                            + " when the class loads; a helper may only define");
                }
                return super.visitNewClass(created, v);
            }

            @Override
            public Void visitLambdaExpression(com.sun.source.tree.LambdaExpressionTree lambda, Void v) {
                return null; // defined, not run
            }
        }.scan(init, null);
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree call, String owner) {
        if (isAdded(call)) {
            String select = call.getMethodSelect().toString();
            String method = simpleName(select);
            if (lastTwo(select).equals("System.getenv")) {
                checkGetenv(call);
            } else if (DENIED_METHODS.contains(method)) {
                refuse(call, select + "(...) " + (method.equals("exit") || method.equals("halt")
                        ? "exits the process"
                        : method.equals("addShutdownHook") ? "runs code at exit" : "reaches around the language")
                        + "; a helper must not exit, reflect or spawn");
            }
        }
        return super.visitMethodInvocation(call, owner);
    }

    private void checkGetenv(MethodInvocationTree call) {
        if (call.getArguments().isEmpty()) {
            refuse(call, "System.getenv() reads the whole environment; a helper may read only named, non-secret"
                    + " variables");
            return;
        }
        if (!(call.getArguments().get(0) instanceof LiteralTree literal) || !(literal.getValue() instanceof String name)) {
            refuse(call, "System.getenv(" + call.getArguments().get(0) + ") reads a computed name; a helper may read"
                    + " only named, non-secret variables");
            return;
        }
        if (GuardPatterns.CREDENTIAL.matcher(name).find()) {
            refuse(call, "reads the credential-like environment variable " + name);
        }
    }

    @Override
    public Void visitNewClass(NewClassTree created, String owner) {
        if (isAdded(created)) {
            String type = simpleName(created.getIdentifier().toString().replaceAll("<.*", ""));
            if (DENIED_TYPES.contains(type)) {
                refuse(created, "new " + type + "(...): a helper must not start threads or processes");
            }
        }
        return super.visitNewClass(created, owner);
    }

    @Override
    public Void visitIdentifier(IdentifierTree id, String owner) {
        if (isAdded(id) && DENIED_TYPES.contains(id.getName().toString())) {
            refuse(id, "uses " + id.getName() + ", which a helper must not use");
        }
        return super.visitIdentifier(id, owner);
    }

    @Override
    public Void visitMemberSelect(MemberSelectTree select, String owner) {
        if (isAdded(select)) {
            String text = select.toString();
            DENIED_PACKAGES.stream().filter(text::startsWith).findFirst()
                    .ifPresent(p -> refuse(select, "uses " + p + ", which a helper must not use"));
        }
        return super.visitMemberSelect(select, owner);
    }

    @Override
    public Void visitLiteral(LiteralTree literal, String owner) {
        if (isAdded(literal) && literal.getValue() instanceof String text) {
            GuardPatterns.reportFolder(text).ifPresent(hit -> refuse(literal,
                    "the string \"" + shorten(text) + "\" names the test report folder (" + hit + ")"));
        }
        return super.visitLiteral(literal, owner);
    }

    @Override
    public Void visitAssignment(AssignmentTree assignment, String owner) {
        checkTarget(assignment, assignment.getVariable());
        return super.visitAssignment(assignment, owner);
    }

    @Override
    public Void visitCompoundAssignment(CompoundAssignmentTree assignment, String owner) {
        checkTarget(assignment, assignment.getVariable());
        return super.visitCompoundAssignment(assignment, owner);
    }

    // Static state of another class (Foo.bar = ...) is someone else's: changing it is monkey-patching.
    private void checkTarget(Tree assignment, ExpressionTree target) {
        if (isAdded(assignment) && target instanceof MemberSelectTree select
                && select.getExpression() instanceof IdentifierTree root
                && Character.isUpperCase(root.getName().toString().charAt(0))) {
            refuse(assignment, "assigns " + select + ": a helper must not change the state of existing classes");
        }
    }

    static String signature(MethodTree method) {
        return "method " + method.getName() + "(" + method.getParameters().stream()
                .map(p -> p.getType().toString().replaceAll("<.*>", "")).collect(Collectors.joining(", ")) + ")";
    }

    private static String simpleName(String dotted) {
        return dotted.substring(dotted.lastIndexOf('.') + 1);
    }

    private static String lastTwo(String dotted) {
        String[] parts = dotted.replaceAll("<[^>]*>", "").split("\\.");
        return parts.length < 2 ? dotted : parts[parts.length - 2] + "." + parts[parts.length - 1];
    }

    private static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    /** What each class of the original file declares: {@code method name(types)}, {@code field x}, {@code class C}. */
    private static final class MemberCollector extends TreeScanner<Void, String> {

        private final Map<String, Set<String>> members;

        MemberCollector(Map<String, Set<String>> members) {
            this.members = members;
        }

        @Override
        public Void visitClass(ClassTree node, String owner) {
            String path = owner.isEmpty() ? node.getSimpleName().toString() : owner + "." + node.getSimpleName();
            members.computeIfAbsent(owner, o -> new HashSet<>()).add("class " + node.getSimpleName());
            Set<String> own = members.computeIfAbsent(path, p -> new HashSet<>());
            for (Tree member : node.getMembers()) {
                if (member instanceof MethodTree method) {
                    own.add(signature(method));
                } else if (member instanceof VariableTree field) {
                    own.add("field " + field.getName());
                }
            }
            return super.visitClass(node, path);
        }

        @Override
        public Void visitMethod(MethodTree method, String owner) {
            return null; // local and anonymous classes are not members a helper could redefine
        }
    }
}
