// Selfcode's guard for JavaScript helpers, run in the node sandbox image with acorn (installed there at image build).
//
// Usage: node guard.js PATCHED ORIGINAL FIRST LAST
// FIRST..LAST are the lines of PATCHED that the helper added. Prints one problem a line ("line N: ...", N counted in
// the helper) and exits 1, or prints nothing and exits 0. A file that does not parse is a syntax error (exit 1);
// exit 2 means the check itself failed.
'use strict';
const fs = require('fs');
const ACORN = '/opt/selfcode/node_modules/acorn';
let acorn;

const DENIED_MODULES = new Set(['child_process', 'worker_threads', 'cluster', 'net', 'dgram', 'http', 'https',
  'http2', 'tls', 'vm', 'inspector', 'module', 'v8', 'repl', 'trace_events', 'wasi']);
// Members of process a helper must not touch: exiting, killing, hooking exit, native bindings.
const DENIED_PROCESS = new Set(['exit', 'abort', 'kill', 'reallyExit', '_kill', 'binding', '_linkedBinding',
  'dlopen', 'on', 'once', 'addListener', 'prependListener', 'prependOnceListener', 'emit', 'exitCode',
  'setuid', 'setgid', 'seteuid', 'setegid', 'setgroups', 'chdir', 'umask', 'mainModule', 'send', 'disconnect',
  '_exiting', 'setUncaughtExceptionCaptureCallback', 'setSourceMapsEnabled', 'permission', 'constrainedMemory']);
const DYNAMIC_ROOTS = new Set(['process', 'require', 'globalThis', 'global', 'module', 'window', 'self', 'exports']);
const DENIED_NAMES = new Set(['eval', 'Function', 'Reflect', 'WebAssembly', 'AsyncFunction']);
const DENIED_PROPERTIES = new Set(['constructor', '__proto__', '__defineGetter__', '__defineSetter__',
  'setPrototypeOf', 'defineProperty', 'defineProperties']);
// Calls a helper may make at import: constructors of constants.
const IMPORT_TIME_CALLS = new Set(['require', 'Symbol', 'Symbol.for', 'Object.freeze', 'RegExp', 'Map', 'Set',
  'WeakMap', 'WeakSet', 'Array.of', 'Array.from', 'String.raw', 'util.promisify', 'promisify', 'path.join',
  'Number', 'String', 'BigInt', 'Date', 'Intl.NumberFormat', 'Intl.DateTimeFormat', 'Intl.Collator',
  'debuglog', 'util.debuglog', 'Object.fromEntries', 'Object.entries', 'Object.keys', 'createRequire']);
const GLOBALS = new Set(['globalThis', 'global', 'process', 'module', 'exports', 'require', 'Object', 'Array',
  'String', 'Number', 'Boolean', 'Math', 'JSON', 'Promise', 'console', 'Function', 'Symbol', 'Date', 'RegExp',
  'Error', 'Buffer', 'setTimeout', 'setInterval', 'setImmediate', 'Map', 'Set', 'WeakMap', 'Reflect', 'Proxy',
  'Intl', 'URL', 'fetch', 'queueMicrotask', 'structuredClone', 'performance', 'navigator', 'window', 'self']);
const CREDENTIAL = /TOKEN|KEY|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH|PRIVATE/i;
// SELFCODE in capitals (SELFCODE_OUT): the word in prose, as in "Selfcode's", is no path.
const REPORT_FOLDER = { exec: (s) => /SELFCODE/.exec(s) || /\/selfcode|junit|surefire-reports|failsafe-reports|report\.tap|report\.json|coverage\.xml|lcov\.info/i.exec(s), test: (s) => REPORT_FOLDER.exec(s) !== null };

function parse(text, path) {
  const options = { ecmaVersion: 'latest', locations: true, allowHashBang: true };
  if (path.endsWith('.cjs')) return acorn.parse(text, { ...options, sourceType: 'script', allowReturnOutsideFunction: true });
  if (path.endsWith('.mjs')) return acorn.parse(text, { ...options, sourceType: 'module' });
  try {
    return acorn.parse(text, { ...options, sourceType: 'module' });
  } catch (moduleError) {
    try {
      return acorn.parse(text, { ...options, sourceType: 'script', allowReturnOutsideFunction: true });
    } catch (scriptError) {
      throw moduleError.loc && scriptError.loc && scriptError.loc.line > moduleError.loc.line ? scriptError : moduleError;
    }
  }
}

function children(node) {
  const out = [];
  for (const key of Object.keys(node)) {
    if (key === 'loc') continue;
    const value = node[key];
    if (Array.isArray(value)) value.forEach((c) => c && typeof c.type === 'string' && out.push(c));
    else if (value && typeof value.type === 'string') out.push(value);
  }
  return out;
}

function walk(node, parent, visit) {
  visit(node, parent);
  for (const child of children(node)) walk(child, node, visit);
}

function source(node, text) {
  const s = text.slice(node.start, node.end).replace(/\s+/g, ' ');
  return s.length <= 60 ? s : s.slice(0, 57) + '...';
}

function dotted(node) {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') {
    const head = dotted(node.object);
    return head && head + '.' + node.property.name;
  }
  return null;
}

function rootName(node) {
  while (node.type === 'MemberExpression' || node.type === 'CallExpression' || node.type === 'ChainExpression') {
    node = node.type === 'MemberExpression' ? node.object : node.type === 'ChainExpression' ? node.expression : node.callee;
  }
  return node.type === 'Identifier' ? node.name : node.type === 'ThisExpression' ? 'this' : null;
}

function literalKey(member) {
  if (!member.computed) return member.property.type === 'Identifier' ? member.property.name : null;
  const p = member.property;
  if (p.type === 'Literal' && typeof p.value === 'string') return p.value;
  if (p.type === 'TemplateLiteral' && p.expressions.length === 0) return p.quasis[0].value.cooked;
  return null;
}

function patternNames(pattern, out) {
  if (!pattern) return out;
  switch (pattern.type) {
    case 'Identifier': out.push(pattern.name); break;
    case 'ObjectPattern': pattern.properties.forEach((p) => patternNames(p.type === 'RestElement' ? p.argument : p.value, out)); break;
    case 'ArrayPattern': pattern.elements.forEach((e) => patternNames(e, out)); break;
    case 'RestElement': patternNames(pattern.argument, out); break;
    case 'AssignmentPattern': patternNames(pattern.left, out); break;
    default: break;
  }
  return out;
}

// Names bound at the top level of a program, and the names it exports through module.exports/exports.
function topLevel(program) {
  const names = new Map();
  const exported = new Set();
  let defaultExport = false;
  for (let stmt of program.body) {
    if (stmt.type === 'ExportNamedDeclaration' && stmt.declaration) stmt = stmt.declaration;
    if (stmt.type === 'ExportDefaultDeclaration') defaultExport = true;
    if (stmt.type === 'FunctionDeclaration' || stmt.type === 'ClassDeclaration') names.set(stmt.id.name, 'defines');
    if (stmt.type === 'VariableDeclaration') stmt.declarations.forEach((d) => patternNames(d.id, []).forEach((n) => names.set(n, 'declares')));
    if (stmt.type === 'ImportDeclaration') stmt.specifiers.forEach((s) => names.set(s.local.name, 'imports'));
    walk(stmt, null, (node) => {
      if (node.type !== 'AssignmentExpression' || node.left.type !== 'MemberExpression') return;
      const target = dotted(node.left);
      const m = target && /^(?:module\.)?exports\.(\w+)$/.exec(target);
      if (m) exported.add(m[1]);
      if (target === 'module.exports' && node.right.type === 'ObjectExpression') {
        node.right.properties.forEach((p) => p.key && p.key.type === 'Identifier' && exported.add(p.key.name));
      }
    });
  }
  return { names, exported, defaultExport };
}

class Guard {
  constructor(text, patched, original, first, last) {
    Object.assign(this, { text, patched, first, last, problems: [] });
    this.original = topLevel(original);
    this.originalClasses = new Map();
    for (const stmt of original.body) {
      const decl = stmt.type === 'ExportNamedDeclaration' || stmt.type === 'ExportDefaultDeclaration' ? stmt.declaration : stmt;
      if (decl && decl.type === 'ClassDeclaration' && decl.id) {
        this.originalClasses.set(decl.id.name, new Set(decl.body.body.filter((m) => m.key && !m.computed)
          .map((m) => (m.static ? 'static ' : '') + (m.key.name || m.key.value))));
      }
    }
    this.parents = new Map();
    walk(patched, null, (node, parent) => this.parents.set(node, parent));
    this.declared = new Set();
    this.exportAssignments = new Set();
  }

  added(node) { return node.loc && node.loc.start.line >= this.first && node.loc.start.line <= this.last; }

  refuse(node, message) { this.problems.push([node.loc.start.line - this.first + 1, message]); }

  // ---- import time ----
  checkProgram() {
    for (const stmt of this.patched.body) {
      if (!this.added(stmt)) {
        const decl = stmt.declaration || stmt;
        if (decl.type === 'ClassDeclaration' && decl.id) this.checkClassBody(decl, this.originalClasses.get(decl.id.name));
        continue;
      }
      this.checkTopLevel(stmt);
    }
  }

  checkTopLevel(stmt) {
    switch (stmt.type) {
      case 'FunctionDeclaration':
        this.checkNewName(stmt, stmt.id.name);
        return;
      case 'ClassDeclaration':
        this.checkNewName(stmt, stmt.id.name);
        this.checkClass(stmt);
        return;
      case 'ImportDeclaration':
        this.checkModule(stmt, stmt.source.value);
        stmt.specifiers.forEach((s) => this.checkNewName(s, s.local.name));
        return;
      case 'VariableDeclaration':
        for (const d of stmt.declarations) {
          patternNames(d.id, []).forEach((n) => this.checkNewName(d, n));
          if (d.init) this.checkImportTime(d.init, 'the initial value of ' + source(d.id, this.text));
        }
        return;
      case 'ExportNamedDeclaration':
        if (stmt.declaration) this.checkTopLevel(stmt.declaration);
        if (stmt.source) this.checkModule(stmt, stmt.source.value);
        return;
      case 'ExportDefaultDeclaration':
        if (this.original.defaultExport) this.refuse(stmt, 'replaces the default export the file already has; a helper may only add new names');
        if (stmt.declaration.type === 'ClassDeclaration') this.checkClass(stmt.declaration);
        else if (stmt.declaration.type !== 'FunctionDeclaration') this.checkImportTime(stmt.declaration, 'the default export');
        return;
      case 'ExportAllDeclaration':
        this.checkModule(stmt, stmt.source.value);
        return;
      case 'EmptyStatement':
        return;
      case 'ExpressionStatement':
        this.checkTopLevelExpression(stmt);
        return;
      default:
        this.refuse(stmt, `top-level ${stmt.type.replace(/Statement$/, '').toLowerCase()} statement runs at import; a helper may only define`);
    }
  }

  checkTopLevelExpression(stmt) {
    const e = stmt.expression;
    if (stmt.directive === 'use strict') return;
    if (e.type === 'AssignmentExpression' && e.operator === '=' && e.left.type === 'MemberExpression') {
      const target = dotted(e.left);
      const m = target && /^(?:module\.)?exports\.(\w+)$/.exec(target);
      if (target === 'module.exports') {
        this.refuse(stmt, 'module.exports = ... replaces what the file exports; add one name with module.exports.name = ...');
        return;
      }
      if (m) {
        if (this.original.exported.has(m[1])) this.refuse(stmt, `${target} replaces an export the file already has; a helper may only add new names`);
        this.checkImportTime(e.right, target);
        this.exportAssignments.add(e);
        return;
      }
    }
    if (e.type === 'AwaitExpression') {
      this.refuse(stmt, 'top-level await runs at import; a helper may only define');
    } else if (e.type === 'CallExpression' && /Function/.test(e.callee.type)) {
      this.refuse(stmt, 'an immediately invoked function runs at import; a helper may only define');
    } else if (e.type === 'CallExpression' || e.type === 'NewExpression') {
      this.refuse(stmt, `top-level call ${source(e.callee, this.text)}(...) runs at import; a helper may only define`);
    } else {
      this.refuse(stmt, `top-level expression ${source(e, this.text)} runs at import; a helper may only define`);
    }
  }

  checkClass(cls) {
    if (cls.superClass) this.checkImportTime(cls.superClass, 'the base class');
    this.checkClassBody(cls, null);
  }

  checkClassBody(cls, existing) {
    for (const member of cls.body.body) {
      if (!this.added(member)) continue;
      if (member.type === 'StaticBlock') {
        this.refuse(member, 'a static {} block runs at import; a helper may only define');
        continue;
      }
      if (member.computed) this.checkImportTime(member.key, 'a computed member name');
      if (member.type === 'PropertyDefinition' && member.static && member.value) {
        this.checkImportTime(member.value, 'the static field ' + source(member.key, this.text));
      }
      const name = member.key && !member.computed ? (member.static ? 'static ' : '') + (member.key.name || member.key.value) : null;
      if (existing && name && existing.has(name)) {
        this.refuse(member, `redefines ${cls.id.name}.${name.replace('static ', '')}, which the class already has; a helper may only add new names`);
      }
    }
  }

  checkImportTime(expr, what) {
    switch (expr.type) {
      case 'Literal': case 'Identifier': case 'FunctionExpression': case 'ArrowFunctionExpression': case 'ThisExpression':
        return;
      case 'MemberExpression':
        this.checkImportTime(expr.object, what);
        if (expr.computed) this.checkImportTime(expr.property, what);
        return;
      case 'TemplateLiteral':
        expr.expressions.forEach((e) => this.checkImportTime(e, what)); return;
      case 'ArrayExpression':
        expr.elements.forEach((e) => e && this.checkImportTime(e.type === 'SpreadElement' ? e.argument : e, what)); return;
      case 'ObjectExpression':
        for (const p of expr.properties) {
          if (p.type === 'SpreadElement') { this.checkImportTime(p.argument, what); continue; }
          if (p.computed) this.checkImportTime(p.key, what);
          this.checkImportTime(p.value, what);
        }
        return;
      case 'UnaryExpression': case 'BinaryExpression': case 'LogicalExpression': case 'ConditionalExpression':
        ['argument', 'left', 'right', 'test', 'consequent', 'alternate'].forEach((k) => expr[k] && this.checkImportTime(expr[k], what));
        return;
      case 'ClassExpression':
        this.checkClass(expr); return;
      case 'AwaitExpression':
        this.refuse(expr, 'top-level await runs at import; a helper may only define'); return;
      case 'CallExpression': case 'NewExpression': {
        if (/Function/.test(expr.callee.type)) {
          this.refuse(expr, 'an immediately invoked function runs at import; a helper may only define');
          return;
        }
        const name = dotted(expr.callee);
        if (!IMPORT_TIME_CALLS.has(name)) {
          this.refuse(expr, `call ${source(expr.callee, this.text)}(...) in ${what} runs at import; a helper may only define`);
          return;
        }
        expr.arguments.forEach((a) => this.checkImportTime(a.type === 'SpreadElement' ? a.argument : a, what));
        return;
      }
      default:
        this.refuse(expr, `${source(expr, this.text)} in ${what} runs code at import; a helper may only define`);
    }
  }

  checkNewName(node, name) {
    const how = this.original.names.get(name);
    if (how) this.refuse(node, `redefines ${name}, which the file already ${how}; a helper may only add new names`);
  }

  checkModule(node, name) {
    if (typeof name !== 'string') {
      this.refuse(node, 'loads a module whose name is computed; a helper must name what it uses');
    } else if (DENIED_MODULES.has(name.replace(/^node:/, '').split('/')[0])) {
      this.refuse(node, `loads ${name}, which a helper must not use`);
    }
  }

  // ---- anywhere ----
  checkAnywhere() {
    walk(this.patched, null, (node) => {
      if (!this.added(node)) return;
      if (['VariableDeclarator'].includes(node.type)) patternNames(node.id, []).forEach((n) => this.declared.add(n));
      if (/Function/.test(node.type)) { if (node.id) this.declared.add(node.id.name); node.params.forEach((p) => patternNames(p, []).forEach((n) => this.declared.add(n))); }
      if (node.type === 'ClassDeclaration' && node.id) this.declared.add(node.id.name);
      if (node.type === 'CatchClause' && node.param) patternNames(node.param, []).forEach((n) => this.declared.add(n));
      if (node.type === 'ImportDeclaration') node.specifiers.forEach((s) => this.declared.add(s.local.name));
    });
    walk(this.patched, null, (node, parent) => {
      if (!this.added(node)) return;
      switch (node.type) {
        case 'Identifier':
          if (DENIED_NAMES.has(node.name) && this.isReference(node, parent)) this.refuse(node, `uses ${node.name}, which runs code a helper must not hide`);
          break;
        case 'MemberExpression': this.checkMember(node, parent); break;
        case 'CallExpression':
          if (node.callee.type === 'Identifier' && node.callee.name === 'require') this.checkModule(node, literalArg(node));
          break;
        case 'ImportExpression':
          this.checkModule(node, node.source.type === 'Literal' ? node.source.value : undefined);
          break;
        case 'AssignmentExpression': case 'UpdateExpression':
          this.checkTarget(node, node.type === 'AssignmentExpression' ? node.left : node.argument);
          break;
        case 'UnaryExpression':
          if (node.operator === 'delete') this.checkTarget(node, node.argument);
          break;
        case 'Literal':
          if (typeof node.value === 'string') this.checkString(node, node.value);
          break;
        case 'TemplateElement':
          this.checkString(node, node.value.cooked || '');
          break;
        default: break;
      }
    });
  }

  isReference(node, parent) {
    if (!parent) return true;
    if (parent.type === 'MemberExpression' && parent.property === node && !parent.computed) return false;
    if ((parent.type === 'Property' || parent.type === 'PropertyDefinition' || parent.type === 'MethodDefinition') && parent.key === node && !parent.computed) return false;
    return true;
  }

  checkMember(node, parent) {
    const key = literalKey(node);
    const root = node.object.type === 'Identifier' ? node.object.name : null;
    if (node.computed && key === null && root && DYNAMIC_ROOTS.has(root)) {
      this.refuse(node, `${source(node, this.text)} reaches ${root} through a computed name; a helper must name what it uses`);
      return;
    }
    if (key !== null && DENIED_PROPERTIES.has(key)) {
      this.refuse(node, `${source(node, this.text)} reaches around the language (${key})`);
    }
    if (root === 'process' && key !== null && DENIED_PROCESS.has(key)) {
      this.refuse(node, `process.${key} ${['exit', 'reallyExit', 'abort'].includes(key) ? 'exits the process' : key === 'kill' || key === '_kill' ? 'kills a process' : 'is not for helpers'}; a helper must not exit, kill or hook the process`);
    }
    if (dotted(node.object) === 'process.env' || (node.object.type === 'MemberExpression' && literalKey(node.object) === 'env' && node.object.object.type === 'Identifier' && node.object.object.name === 'process')) {
      if (key === null) this.refuse(node, `${source(node, this.text)} reads the environment with a computed name; a helper may read only named, non-secret variables`);
      else if (CREDENTIAL.test(key)) this.refuse(node, `reads the credential-like environment variable ${key}`);
      else if (REPORT_FOLDER.test(key)) this.refuse(node, `reads ${key}, which names the test report folder`);
    } else if (root === 'process' && key === 'env' && !(parent && parent.type === 'MemberExpression' && parent.object === node)) {
      this.refuse(node, 'reads the whole environment (process.env); a helper may read only named, non-secret variables');
    }
  }

  checkTarget(node, target) {
    if (this.exportAssignments.has(node)) return;
    if (target.type === 'Identifier') {
      if (!this.declared.has(target.name)) this.refuse(node, `assigns ${target.name}, which the helper did not declare (a global or an existing name); a helper must not change existing state`);
      return;
    }
    if (target.type !== 'MemberExpression') return;
    const root = rootName(target);
    const text = source(target, this.text);
    if (root === 'this') return;
    if (root && (GLOBALS.has(root) || this.original.names.has(root) || !this.declared.has(root))) {
      this.refuse(node, `assigns ${text}: a helper must not monkey-patch globals, prototypes or existing names`);
    } else if (/\.prototype\b|__proto__/.test(text)) {
      this.refuse(node, `assigns ${text}: a helper must not change prototypes`);
    }
  }

  checkString(node, value) {
    const hit = REPORT_FOLDER.exec(value);
    if (hit) this.refuse(node, `the string ${JSON.stringify(value.length <= 60 ? value : value.slice(0, 57) + '...')} names the test report folder (${hit[0]})`);
  }
}

function literalArg(call) {
  const a = call.arguments[0];
  if (a && a.type === 'Literal' && typeof a.value === 'string') return a.value;
  if (a && a.type === 'TemplateLiteral' && a.expressions.length === 0) return a.quasis[0].value.cooked;
  return undefined;
}

function main() {
  try {
    acorn = require(ACORN);
  } catch (e) {
    throw new Error(`the guard's parser is missing from this image (${ACORN}): rebuild it with scripts/sandbox-images.sh`);
  }
  const [patchedPath, originalPath, first, last] = process.argv.slice(2);
  const text = fs.readFileSync(patchedPath, 'utf8');
  let patched;
  try {
    patched = parse(text, patchedPath);
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
    console.log(`${patchedPath.split('/').pop()}:${e.loc ? e.loc.line : '?'}: SyntaxError: ${e.message}`);
    return 1;
  }
  let original;
  try {
    original = parse(fs.readFileSync(originalPath, 'utf8'), originalPath);
  } catch (e) {
    original = { type: 'Program', body: [] };
  }
  const guard = new Guard(text, patched, original, Number(first), Number(last));
  guard.checkProgram();
  guard.checkAnywhere();
  const seen = new Set();
  guard.problems.sort((a, b) => a[0] - b[0]).forEach(([line, message]) => {
    const text = `line ${line}: ${message}`;
    if (!seen.has(text)) { seen.add(text); console.log(text); }
  });
  return guard.problems.length ? 1 : 0;
}

try {
  process.exitCode = main();
} catch (e) {
  // The message last: the server shows the last lines.
  console.error(e && e.stack ? e.stack : String(e));
  console.error(e && e.message ? e.message : String(e));
  process.exitCode = 2;
}
