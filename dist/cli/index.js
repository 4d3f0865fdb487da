#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 318:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var node_module__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(995);
/* harmony import */ var node_module__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_module__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(136);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_url__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _cli_code_cache_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(286);
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(311);
/**
 * CLI entry point (`aws-ecs-monitor`, `dist/cli/index.js`). Kept tiny: `--version` answers
 * without loading the CLI, and the CLI bundle (`dist/cli/main/index.js`, the AWS SDK above all)
 * is compiled once and then read from a compile cache: Node's own on Node ≥ 22.1, V8's code cache
 * through `src/cli/code-cache.ts` before that (`NODE_COMPILE_CACHE` names the directory of
 * either; by default it is under the system's temp directory).
 */




const argv = process.argv.slice(2);
if (argv.length === 1 && argv[0] === '--version') {
    process.stdout.write(`${_version_js__WEBPACK_IMPORTED_MODULE_3__/* .VERSION */ .x}\n`);
}
else {
    // A separate bundle, not a chunk of this one: Node caches the compiled code of a file it
    // imports, not of chunks a bundler loads itself.
    const bundle = './main/index.js';
    // Not in Node 20's `node:module`: looked up, not imported by name.
    const enableCache = node_module__WEBPACK_IMPORTED_MODULE_0__.enableCompileCache;
    if (enableCache) {
        try {
            enableCache();
        }
        catch {
            // A cache that cannot be written only costs the time it would have saved.
        }
        await import(/* webpackIgnore: true */ bundle);
    }
    else {
        await (0,_cli_code_cache_js__WEBPACK_IMPORTED_MODULE_2__/* .loadBundle */ .po)((0,node_url__WEBPACK_IMPORTED_MODULE_1__.fileURLToPath)(new URL(bundle, import.meta.url)), { env: process.env });
    }
}

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 286:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  po: () => (/* binding */ loadBundle)
});

// UNUSED EXPORTS: BUNDLE_PREAMBLE, bundleAsScript, cacheDirectory

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
// EXTERNAL MODULE: external "node:module"
var external_node_module_ = __nccwpck_require__(995);
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
var external_node_path_default = /*#__PURE__*/__nccwpck_require__.n(external_node_path_namespaceObject);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __nccwpck_require__(136);
;// CONCATENATED MODULE: external "node:vm"
const external_node_vm_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:vm");
var external_node_vm_default = /*#__PURE__*/__nccwpck_require__.n(external_node_vm_namespaceObject);
;// CONCATENATED MODULE: ./src/cli/code-cache.ts
/**
 * Loads the CLI bundle (`dist/cli/main/index.js`) with V8's code cache on the Node versions whose
 * `node:module` has no `enableCompileCache` (Node 20 to 22.0). Compiling the 2 MB bundle, the AWS
 * SDK above all, is most of the CLI's start-up there: about 60 of 145 ms to the first AWS request
 * on a 2-core machine. With the cache, V8 reads back the code it compiled on an earlier run.
 *
 * The bundle is an ES module only in three places that ncc writes: its first line imports
 * `createRequire`, `import.meta.url` names the file, and the module runs in strict mode. A
 * `vm.Script` can carry a code cache where a module cannot on these versions, so the loader
 * turns the bundle into a strict function of those two things. A bundle of any other shape is
 * imported as the module it is, without a cache.
 *
 * The cache lives where Node ≥ 22.1 keeps its own: `NODE_COMPILE_CACHE`, or `node-compile-cache`
 * under the system's temp directory, in an `aws-ecs-monitor` directory that must belong to the
 * user and be writable by no one else (compiled code read from a directory another user can
 * write to would run as this user). `NODE_DISABLE_COMPILE_CACHE` turns it off, as for Node's.
 * A file per bundle content, Node version and architecture; written once, when the process exits,
 * so that it holds the functions the run compiled on demand as well.
 */







/** The first line of an ncc ES-module bundle. */
const BUNDLE_PREAMBLE = 'import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";';
const URL_PARAM = '__awsEcsMonitorBundleUrl';
/**
 * The bundle as the source of a strict function `(createRequire, url) => void`, or undefined
 * when it has a shape the loader does not know: no preamble, a dynamic `import(` (a script has no
 * module loader for it), or `import.meta` used other than for `.url`. The line numbers of the
 * bundle stay as they are, so stack traces point where they would.
 */
function bundleAsScript(source) {
    if (!source.startsWith(BUNDLE_PREAMBLE))
        return undefined;
    const body = source.slice(BUNDLE_PREAMBLE.length).replaceAll('import.meta.url', URL_PARAM);
    // webpack leaves `/* import() */` where it turned a dynamic import into a require.
    if (body.includes('import.meta') || /(?<!\/\* )\bimport\s*\(/.test(body))
        return undefined;
    return `(function (__WEBPACK_EXTERNAL_createRequire, ${URL_PARAM}) {"use strict";${body}\n})`;
}
/** The cache directory, created if need be, or undefined where it is off or not safe to read. */
function cacheDirectory(env) {
    if (env.NODE_DISABLE_COMPILE_CACHE)
        return undefined;
    const root = env.NODE_COMPILE_CACHE || external_node_path_default().join((0,external_node_os_namespaceObject.tmpdir)(), 'node-compile-cache');
    const dir = external_node_path_default().join(root, 'aws-ecs-monitor');
    try {
        // The shared directory as Node would make it (other users' Node caches go there too); ours
        // inside it for this user alone.
        (0,external_node_fs_namespaceObject.mkdirSync)(root, { recursive: true });
        (0,external_node_fs_namespaceObject.mkdirSync)(dir, { recursive: true, mode: 0o700 });
        const st = (0,external_node_fs_namespaceObject.lstatSync)(dir);
        const uid = process.getuid?.();
        if (!st.isDirectory() || (uid !== undefined && st.uid !== uid) || (st.mode & 0o022) !== 0)
            return undefined;
        return dir;
    }
    catch {
        return undefined;
    }
}
/** Loads and runs the bundle at `file`, with the code cache where it can. */
async function loadBundle(file, options) {
    const raw = (0,external_node_fs_namespaceObject.readFileSync)(file);
    const source = bundleAsScript(raw.toString('utf8'));
    if (source === undefined)
        return importModule(file);
    const dir = cacheDirectory(options.env);
    const cacheFile = dir &&
        external_node_path_default().join(dir, (0,external_node_crypto_namespaceObject.createHash)('sha256')
            .update(`${process.version} ${process.arch}\n`)
            .update(raw)
            .digest('hex')
            .slice(0, 32) + '.bin');
    let cachedData;
    try {
        if (cacheFile)
            cachedData = (0,external_node_fs_namespaceObject.readFileSync)(cacheFile);
    }
    catch {
        // No cache yet.
    }
    let script;
    try {
        script = new (external_node_vm_default()).Script(source, { filename: file, cachedData });
    }
    catch {
        // A bundle that is not valid as a function body (top-level await, say) is a module still.
        return importModule(file);
    }
    const load = !cacheFile
        ? 'no-cache'
        : cachedData === undefined
            ? 'cache-miss'
            : script.cachedDataRejected
                ? 'cache-rejected'
                : 'cache-hit';
    if (cacheFile && load !== 'cache-hit') {
        const save = () => {
            const temp = `${cacheFile}.${process.pid}.tmp`;
            try {
                (0,external_node_fs_namespaceObject.writeFileSync)(temp, script.createCachedData(), { mode: 0o600 });
                (0,external_node_fs_namespaceObject.renameSync)(temp, cacheFile);
            }
            catch {
                // A cache that cannot be written only costs the time it would have saved.
            }
        };
        (options.atExit ?? (f => process.once('exit', f)))(save);
    }
    const run = script.runInThisContext();
    run(external_node_module_.createRequire, (0,external_node_url_.pathToFileURL)(file).href);
    return load;
}
async function importModule(file) {
    await import(/* webpackIgnore: true */ (0,external_node_url_.pathToFileURL)(file).href);
    return 'module';
}


/***/ }),

/***/ 311:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   x: () => (/* binding */ VERSION)
/* harmony export */ });
/** The product's version, as in package.json (a test checks they agree). */
const VERSION = '0.1.0';


/***/ }),

/***/ 995:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:module");

/***/ }),

/***/ 136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(318);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
