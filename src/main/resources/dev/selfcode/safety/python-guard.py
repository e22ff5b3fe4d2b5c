"""Selfcode's guard for Python helpers, run in the sandbox by SafetyMonitor with the image's own parser.

Usage: python3 -I python-guard.py PATCHED ORIGINAL FIRST LAST
FIRST..LAST are the lines of PATCHED that the helper added. Prints one problem a line ("line N: ...", N counted
in the helper) and exits 1, or prints nothing and exits 0. A file that does not parse is a syntax error (exit 1);
exit 2 means the check itself failed.
"""
import ast
import re
import sys

DENIED_MODULES = {
    "atexit", "signal", "threading", "_thread", "multiprocessing", "subprocess", "ctypes", "importlib",
    "builtins", "socket", "pty", "runpy", "code", "codeop", "gc", "inspect", "marshal", "pickle", "shelve",
    "faulthandler", "resource", "concurrent", "_posixsubprocess", "posix", "nt", "sysconfig", "_signal",
}
# Qualified names a helper may neither call nor mention: exiting, killing, forking, spawning, escaping.
DENIED_NAMES = {
    "exit", "quit", "eval", "exec", "compile", "__import__", "globals", "locals", "vars", "breakpoint",
    "__builtins__", "os._exit", "os.abort", "os.kill", "os.killpg", "os.fork", "os.forkpty", "os.system",
    "os.popen", "os.register_at_fork", "os.symlink", "os.link", "os.putenv", "os.unsetenv", "os.setpgrp",
    "os.setsid", "os.pidfd_open", "os.posix_spawn", "os.posix_spawnp", "sys.exit", "sys.modules",
    "sys._getframe", "sys.settrace", "sys.setprofile", "sys.addaudithook", "sys.excepthook", "sys.meta_path",
    "sys.path_hooks", "sys.breakpointhook", "sys.displayhook", "sys.unraisablehook", "shutil.rmtree",
    "pickle.loads",
}
DENIED_PREFIXES = ("os.exec", "os.spawn", "os.plock", "os.wait")
ENVIRON = {"os.environ", "os.environb", "os.getenv", "os.getenvb"}
DENIED_ATTRIBUTES = {
    "__dict__", "__class__", "__subclasses__", "__globals__", "__code__", "__bases__", "__base__", "__mro__",
    "__builtins__", "__getattribute__", "__closure__", "__func__", "__self__", "__loader__", "__spec__",
    "f_globals", "f_locals", "f_back", "f_builtins", "gi_frame", "cr_frame", "ag_frame", "tb_frame",
    "symlink_to", "hardlink_to", "__reduce__", "__reduce_ex__",
}
# Methods that run when a class is created, not when the helper is called.
CLASS_CREATION_HOOKS = {"__init_subclass__", "__set_name__", "__class_getitem__", "__prepare__"}
# Calls a helper may make at import: constructors of constants.
IMPORT_TIME_CALLS = {
    "re.compile", "frozenset", "set", "tuple", "list", "dict", "namedtuple", "collections.namedtuple",
    "typing.NamedTuple", "NamedTuple", "TypeVar", "typing.TypeVar", "logging.getLogger", "getLogger",
    "object", "str", "int", "float", "bool", "bytes", "range", "enumerate", "zip", "sorted", "len",
    "dataclass", "dataclasses.dataclass", "field", "dataclasses.field", "functools.lru_cache", "lru_cache",
    "functools.cache", "cache", "functools.wraps", "functools.total_ordering", "total_ordering", "property",
    "staticmethod", "classmethod", "abstractmethod", "abc.abstractmethod", "typing.overload", "overload",
    "typing.final", "final", "contextlib.contextmanager", "contextmanager", "functools.cached_property",
    "cached_property", "functools.singledispatch", "singledispatch", "enum.unique", "unique", "enum.auto",
    "auto", "decimal.Decimal", "Decimal", "fractions.Fraction", "datetime.timedelta", "timedelta",
    "string.Template", "struct.Struct", "typing.cast", "cast", "NewType", "typing.NewType",
    "collections.defaultdict", "defaultdict", "collections.OrderedDict", "OrderedDict", "collections.Counter",
    "Counter", "collections.deque", "deque", "types.MappingProxyType", "MappingProxyType", "math.sqrt",
    "math.log", "math.exp", "object.__new__",
}
# Decorators are calls at import; these only wrap the function.
DECORATOR_ATTRIBUTES = {"setter", "getter", "deleter"}
CREDENTIAL = re.compile(r"TOKEN|KEY|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH|PRIVATE", re.IGNORECASE)
# SELFCODE in capitals (SELFCODE_OUT): the word in prose, as in "Selfcode's", is no path.
REPORT_FOLDER = re.compile(
    r"(?-i:SELFCODE)|/selfcode|junit|surefire-reports|failsafe-reports|report\.tap|report\.json|coverage\.xml"
    r"|lcov\.info", re.IGNORECASE)


def dotted(node):
    """a.b.c of a Name/Attribute chain, or None."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def root_name(node):
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def short(node):
    text = ast.unparse(node)
    return text if len(text) <= 60 else text[:57] + "..."


def literal_str(node):
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def bindings(statements):
    """Names bound at the level of these statements (defs, classes, assignments, imports, loops, withs)."""
    names = {}
    for stmt in statements:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names[stmt.name] = "defined"
        elif isinstance(stmt, (ast.Import, ast.ImportFrom)):
            for alias in stmt.names:
                names[(alias.asname or alias.name).split(".")[0]] = "imported"
        elif isinstance(stmt, (ast.If, ast.Try, ast.With, ast.For, ast.While)):
            for field in ("body", "orelse", "finalbody"):
                names.update(bindings(getattr(stmt, field, [])))
            for handler in getattr(stmt, "handlers", []):
                names.update(bindings(handler.body))
        for node in ast.walk(stmt) if isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.For,
                                                          ast.With)) else []:
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.setdefault(node.id, "assigned")
    return names


def imports(tree):
    """Local name -> qualified name, for every import in the file."""
    aliases = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.asname:
                    aliases[a.asname] = a.name
                else:
                    aliases[a.name.split(".")[0]] = a.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for a in node.names:
                aliases[a.asname or a.name] = node.module + "." + a.name
    return aliases


class Guard:

    def __init__(self, patched, original, first, last):
        self.first, self.last = first, last
        self.problems = []
        self.aliases = imports(patched)
        self.original_top = bindings(original.body)
        self.original_imports = {k: v for k, v in imports(original).items()}
        self.original_classes = {n.name: bindings(n.body) for n in original.body if isinstance(n, ast.ClassDef)}
        self.patched = patched

    def added(self, node):
        return hasattr(node, "lineno") and self.first <= node.lineno <= self.last

    def refuse(self, node, message):
        self.problems.append((node.lineno - self.first + 1, message))

    def qualified(self, node):
        name = dotted(node)
        if name is None:
            return None
        head, _, rest = name.partition(".")
        base = self.aliases.get(head, head)
        return base + ("." + rest if rest else "")

    # ---- import time --------------------------------------------------------------------------------
    def check_body(self, statements, where, existing_class=None):
        for stmt in statements:
            if not self.added(stmt):
                if isinstance(stmt, ast.ClassDef) and existing_class is None:
                    self.check_body(stmt.body, "class body", existing_class=stmt.name)
                continue
            self.check_import_time_statement(stmt, where, existing_class)

    def check_import_time_statement(self, stmt, where, existing_class):
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            self.check_new_name(stmt, stmt.name, where, existing_class)
            for decorator in stmt.decorator_list:
                self.check_decorator(decorator)
            if isinstance(stmt, ast.ClassDef):
                for base in stmt.bases:
                    self.check_import_time(base, "base class")
                for keyword in stmt.keywords:
                    if not (keyword.arg == "metaclass" and self.qualified(keyword.value) in {"abc.ABCMeta", "ABCMeta"}):
                        self.refuse(keyword, "class keyword %s=%s runs at import; a helper may only define"
                                    % (keyword.arg, short(keyword.value)))
                self.check_body(stmt.body, "class body", existing_class=None)
                for member in stmt.body:
                    if isinstance(member, (ast.FunctionDef, ast.AsyncFunctionDef)) and member.name in CLASS_CREATION_HOOKS:
                        self.refuse(member, "%s runs when a class is created, at import" % member.name)
            else:
                args = stmt.args
                for default in args.defaults + [d for d in args.kw_defaults if d is not None]:
                    self.check_import_time(default, "default argument")
                for arg in args.posonlyargs + args.args + args.kwonlyargs + [args.vararg, args.kwarg]:
                    if arg is not None and arg.annotation is not None:
                        self.check_import_time(arg.annotation, "annotation")
                if stmt.returns is not None:
                    self.check_import_time(stmt.returns, "annotation")
        elif isinstance(stmt, (ast.Import, ast.ImportFrom)):
            for alias in stmt.names:
                name = (alias.asname or alias.name).split(".")[0]
                target = imports(ast.Module(body=[stmt], type_ignores=[])).get(name)
                if self.original_imports.get(name) != target or existing_class is not None:
                    self.check_new_name(stmt, name, where, existing_class)
        elif isinstance(stmt, ast.Expr) and literal_str(stmt.value) is not None:
            pass  # a docstring
        elif isinstance(stmt, ast.Pass):
            pass
        elif isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            for target in targets:
                for node in ast.walk(target):
                    if isinstance(node, (ast.Attribute, ast.Subscript)):
                        self.refuse(stmt, "%s assignment to %s changes existing state at import; a helper may only"
                                    " define" % (where, short(node)))
                        break
                    if isinstance(node, ast.Name):
                        self.check_new_name(stmt, node.id, where, existing_class)
            if isinstance(stmt, ast.AnnAssign):
                self.check_import_time(stmt.annotation, "annotation")
            if stmt.value is not None:
                self.check_import_time(stmt.value, "assignment")
        elif isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
            self.refuse(stmt, "%s call %s runs at import; a helper may only define"
                        % (where, short(stmt.value.func) + "(...)"))
        else:
            self.refuse(stmt, "%s %s statement runs at import; a helper may only define functions, classes,"
                        " imports and constants" % (where, type(stmt).__name__.lower()))

    def check_decorator(self, decorator):
        if isinstance(decorator, ast.Call):
            self.check_import_time(decorator, "decorator")
            return
        name = self.qualified(decorator)
        if name in IMPORT_TIME_CALLS or (isinstance(decorator, ast.Attribute)
                                         and decorator.attr in DECORATOR_ATTRIBUTES):
            return
        self.refuse(decorator, "decorator @%s runs at import; only decorators such as @dataclass, @property or"
                    " @functools.lru_cache are allowed" % short(decorator))

    def check_import_time(self, expr, what):
        """An expression evaluated at import: literals, names, containers and allowlisted calls only."""
        if isinstance(expr, ast.Lambda):
            # Its body is only defined, but its default values are computed now.
            for default in expr.args.defaults + [d for d in expr.args.kw_defaults if d is not None]:
                self.check_import_time(default, "default argument")
            return
        if isinstance(expr, ast.Call):
            name = self.qualified(expr.func)
            if name not in IMPORT_TIME_CALLS:
                self.refuse(expr, "module-level call %s%s runs at import; a helper may only define"
                            % (short(expr.func) + "(...)", "" if what == "assignment" else " in a " + what))
                return
            for child in expr.args + [k.value for k in expr.keywords]:
                self.check_import_time(child, what)
            return
        if isinstance(expr, (ast.Constant, ast.Name, ast.Attribute)):
            return
        if isinstance(expr, (ast.Tuple, ast.List, ast.Set, ast.Dict, ast.UnaryOp, ast.BinOp, ast.BoolOp,
                             ast.Compare, ast.IfExp, ast.Subscript, ast.Slice, ast.JoinedStr, ast.FormattedValue,
                             ast.Starred, ast.keyword)):
            for child in ast.iter_child_nodes(expr):
                if isinstance(child, ast.expr):
                    self.check_import_time(child, what)
            return
        self.refuse(expr, "module-level %s %s (in a %s) runs code at import; a helper may only define"
                    % (type(expr).__name__.lower(), short(expr), what))

    def check_new_name(self, stmt, name, where, existing_class):
        if (existing_class is not None or where == "module-level") and name.startswith("__") \
                and name.endswith("__"):
            self.refuse(stmt, "defines %s%s, which changes how existing code behaves; a helper may only add new"
                        " names" % (existing_class + "." if existing_class else "", name))
        elif existing_class is not None:
            if name in self.original_classes.get(existing_class, {}):
                self.refuse(stmt, "redefines %s.%s, which the file already has; a helper may only add new names"
                            % (existing_class, name))
        elif where == "module-level" and name in self.original_top:
            self.refuse(stmt, "redefines %s, which the file already %s; a helper may only add new names"
                        % (name, self.original_top[name]))

    # ---- anywhere -----------------------------------------------------------------------------------
    def check_anywhere(self):
        existing = set(self.original_top) | set(self.aliases)
        for node in ast.walk(self.patched):
            if not self.added(node):
                continue
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                self.check_import(node)
            elif isinstance(node, (ast.Name, ast.Attribute)) and not self.inside_checked_attribute(node):
                self.check_reference(node)
            if isinstance(node, ast.Attribute) and node.attr in DENIED_ATTRIBUTES:
                self.refuse(node, internals(node, node.attr))
            if isinstance(node, ast.Call):
                self.check_call(node, existing)
            if isinstance(node, ast.Subscript) and self.qualified(node.value) in ("os.environ", "os.environb"):
                self.check_env_key(node, node.slice)
            if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete)):
                targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
                for target in targets:
                    if isinstance(target, (ast.Attribute, ast.Subscript)) and root_name(target) in existing:
                        self.refuse(node, "assigns %s: a helper must not monkey-patch existing names or modules"
                                    % short(target))
            if isinstance(node, (ast.Global, ast.Nonlocal)):
                for name in node.names:
                    if name in self.original_top:
                        self.refuse(node, "rebinds the existing name %s through global" % name)
            if isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)):
                text = node.value if isinstance(node.value, str) else node.value.decode("latin-1")
                match = REPORT_FOLDER.search(text)
                if match:
                    self.refuse(node, "the string %r names the test report folder (%s)" % (short(node), match.group(0)))

    def inside_checked_attribute(self, node):
        return getattr(node, "_selfcode_inner", False)

    def check_import(self, node):
        modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
        for module in modules:
            if module.split(".")[0] in DENIED_MODULES:
                self.refuse(node, "imports %s, which a helper must not use" % module)
        if isinstance(node, ast.ImportFrom) and node.module:
            for a in node.names:
                name = node.module + "." + a.name
                if name in DENIED_NAMES or name.startswith(DENIED_PREFIXES) or name in ENVIRON:
                    self.refuse(node, "imports %s, which a helper must not use" % name)

    def check_reference(self, node):
        # Only the outermost chain is judged: os._exit, not also os.
        if isinstance(node, ast.Attribute):
            inner = node.value
            while isinstance(inner, ast.Attribute):
                inner._selfcode_inner = True
                inner = inner.value
            if isinstance(inner, ast.Name):
                inner._selfcode_inner = True
        name = self.qualified(node)
        if name is None:
            return
        imported = (dotted(node) or "").split(".")[0] in self.aliases
        for candidate in prefixes(name):
            if candidate in DENIED_NAMES or (imported and candidate.startswith(DENIED_PREFIXES)):
                self.refuse(node, "%s: a helper must not exit, kill, fork, spawn or reach around the interpreter"
                            % what_is(candidate))
                return
            if imported and candidate.split(".")[0] in DENIED_MODULES:
                self.refuse(node, "uses %s, which a helper must not use" % candidate)
                return
            if candidate in ENVIRON:
                sub = node
                while isinstance(sub, ast.Attribute) and self.qualified(sub) != candidate:
                    sub = sub.value
                if not self.environ_allowed(sub):
                    self.refuse(node, "reads the whole environment or a computed name through %s; a helper may"
                                " read only named, non-secret variables" % short(sub))
                return

    def environ_allowed(self, node):
        parent = self.parents.get(node)
        name = self.qualified(node)
        if name in ("os.environ", "os.environb") and isinstance(parent, ast.Subscript) and parent.value is node:
            return True  # key checked by check_env_key
        if name in ("os.environ", "os.environb") and isinstance(parent, ast.Attribute):
            grand = self.parents.get(parent)
            return parent.attr == "get" and isinstance(grand, ast.Call) and grand.func is parent
        if name in ("os.getenv", "os.getenvb"):
            return isinstance(parent, ast.Call) and parent.func is node
        if isinstance(parent, ast.Compare) and node in parent.comparators:
            return all(isinstance(op, (ast.In, ast.NotIn)) for op in parent.ops)
        return False

    def check_call(self, call, existing):
        name = self.qualified(call.func)
        if name in ("os.getenv", "os.getenvb", "os.environ.get", "os.environb.get"):
            self.check_env_key(call, call.args[0] if call.args else None)
        if isinstance(call.func, ast.Name) and call.func.id in ("getattr", "setattr", "delattr", "hasattr"):
            attr = literal_str(call.args[1]) if len(call.args) > 1 else None
            if attr is None:
                self.refuse(call, "%s with a computed attribute name: a helper must name what it uses"
                            % call.func.id)
                return
            target = ast.Attribute(value=call.args[0], attr=attr, ctx=ast.Load())
            ast.copy_location(target, call)
            if attr in DENIED_ATTRIBUTES:
                self.refuse(call, internals(call, attr))
            self.check_reference(target)
            if call.func.id in ("setattr", "delattr") and root_name(call.args[0]) in existing:
                self.refuse(call, "%s: a helper must not monkey-patch existing names or modules" % short(call))
        if isinstance(call.func, ast.Name) and call.func.id == "dict" and call.args \
                and self.qualified(call.args[0]) in ENVIRON:
            self.refuse(call, "copies the whole environment")

    def check_env_key(self, node, key):
        literal = literal_str(key) if key is not None else None
        if literal is None:
            self.refuse(node, "reads the environment with a computed name (%s): a helper may read only named,"
                        " non-secret variables" % (short(key) if key is not None else "none"))
        elif CREDENTIAL.search(literal):
            self.refuse(node, "reads the credential-like environment variable %s" % literal)
        elif REPORT_FOLDER.search(literal):
            self.refuse(node, "reads %s, which names the test report folder" % literal)


def prefixes(name):
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(len(parts), 0, -1)]


def internals(node, attr):
    if attr in ("symlink_to", "hardlink_to"):
        return "%s creates a link; a helper must not create links" % short(node)
    return "%s reaches into interpreter internals (%s)" % (short(node), attr)


def what_is(name):
    return {"os._exit": "os._exit exits the process", "sys.exit": "sys.exit exits the process",
            "exit": "exit() exits the process", "quit": "quit() exits the process",
            "os.kill": "os.kill kills a process", "os.fork": "os.fork forks the process",
            "os.symlink": "os.symlink creates a link", "os.link": "os.link creates a link"}.get(name, "uses " + name)


def main():
    patched_path, original_path, first, last = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    try:
        patched = ast.parse(open(patched_path, encoding="utf-8").read(), patched_path)
    except SyntaxError as e:
        print("%s:%s: SyntaxError: %s" % (patched_path.rsplit("/", 1)[-1], e.lineno, e.msg))
        return 1
    try:
        original = ast.parse(open(original_path, encoding="utf-8").read(), original_path)
    except SyntaxError:
        original = ast.Module(body=[], type_ignores=[])
    guard = Guard(patched, original, first, last)
    guard.parents = {child: parent for parent in ast.walk(patched) for child in ast.iter_child_nodes(parent)}
    guard.check_body(patched.body, "module-level")
    guard.check_anywhere()
    seen = set()
    for line, message in sorted(guard.problems, key=lambda p: p[0]):
        if (line, message) not in seen:
            seen.add((line, message))
            print("line %d: %s" % (line, message))
    return 1 if guard.problems else 0


if __name__ == "__main__":
    try:
        status = main()
    except Exception:  # the check itself failed: not a verdict on the helper (exit 2)
        import traceback
        traceback.print_exc()
        status = 2
    sys.exit(status)
