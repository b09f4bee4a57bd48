/* The entry points of the sandbox's python.wasm: a WASI reactor, built in place of CPython's Programs/python.c by
   build-cpython.sh, so that an interpreter can be started once, snapshotted, and resumed per execution.

   The host calls _initialize (the C library's constructors), then codeexec_initialize: CPython starts with the
   arguments the host gave (python3.11 -I -S -c BOOTSTRAP), runs the bootstrap, which imports what every program
   needs and defines _codeexec_start and _codeexec_finish, and returns. A snapshot of memory is taken there
   (PythonSnapshotBuilder). Each execution then calls codeexec_run in a fresh instance of the snapshot (or, without
   one, right after _initialize: it initializes first). The request is in the store's arguments, after
   "-c BOOTSTRAP" (which the snapshot read when it started; see PythonRequestEncoding): _codeexec_start takes them,
   sets the program up and compiles it, which runs here at the bottom of the stack, as `python3 main.py` runs it (so it has exactly the
   native recursion depth to use); _codeexec_finish reports how it ended and ends the process with its exit code. */
#include "Python.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>
#include <wasi/libc.h>

static PyObject *start, *finish, *globals;

/* The network, through the host (PythonNetworkImports.cs): http_request takes one request as JSON (GuestHttpWire),
   makes the exchange, blocking, keeps the answer (JSON too: the response or {"error": why}) and returns its length;
   http_response copies that answer into the buffer given. The bootstrap's http.client connections call them through
   _codeexec.http. What is allowed is the host's to decide: nothing here checks. */
__attribute__((import_module("codeexec"), import_name("http_request")))
int codeexec_http_request(const char *request, int length);

__attribute__((import_module("codeexec"), import_name("http_response")))
void codeexec_http_response(char *buffer);

static PyObject *codeexec_http(PyObject *module, PyObject *request)
{
    if (!PyBytes_Check(request)) {
        return PyErr_Format(PyExc_TypeError, "http() takes bytes, not %.200s", Py_TYPE(request)->tp_name);
    }
    if (PyBytes_GET_SIZE(request) > INT_MAX) {
        return PyErr_Format(PyExc_OverflowError, "the request is too large");
    }
    int length = codeexec_http_request(PyBytes_AS_STRING(request), (int)PyBytes_GET_SIZE(request));
    if (length < 0) {
        return PyErr_Format(PyExc_OSError, "the host gave no answer");
    }
    PyObject *answer = PyBytes_FromStringAndSize(NULL, length);
    if (answer != NULL) {
        codeexec_http_response(PyBytes_AS_STRING(answer));
    }
    return answer;
}

static PyMethodDef codeexec_methods[] = {
    {"http", codeexec_http, METH_O,
     "http(request: bytes) -> bytes\n\nMakes one HTTP request through the host: the request and the answer are JSON."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef codeexec_module = {
    PyModuleDef_HEAD_INIT, "_codeexec", "What the sandbox's host does for the interpreter.", -1, codeexec_methods,
};

static PyObject *init_codeexec_module(void)
{
    return PyModule_Create(&codeexec_module);
}

/* The C library's sbrk, wrapped (the link passes -Wl,--wrap=sbrk): malloc grows memory only through it, so a
   failure here is the store refusing to grow memory past the request's limit. The host reads the flag after the
   run to decide the memory verdict from what the engine refused, not from what the program printed. */
void *__real_sbrk(intptr_t increment);
static int memory_refused;

void *__wrap_sbrk(intptr_t increment)
{
    void *result = __real_sbrk(increment);
    if (result == (void *)-1) {
        memory_refused = 1;
    }
    return result;
}

__attribute__((export_name("codeexec_memory_refused")))
int codeexec_memory_refused(void)
{
    return memory_refused;
}

static PyObject *main_global(const char *name)
{
    PyObject *value = PyDict_GetItemString(globals, name);
    Py_XINCREF(value);
    return value;
}

static int run_bootstrap(const PyConfig *config)
{
    PyObject *command = PyUnicode_FromWideChar(config->run_command, -1);
    const char *source = command == NULL ? NULL : PyUnicode_AsUTF8(command);
    int failed = source == NULL || PyRun_SimpleString(source) != 0;
    Py_XDECREF(command);
    if (failed) {
        return 1;
    }
    globals = PyModule_GetDict(PyImport_AddModule("__main__"));
    Py_INCREF(globals);
    start = main_global("_codeexec_start");
    finish = main_global("_codeexec_finish");
    return start == NULL || finish == NULL;
}

/* The exception being raised, with its traceback, taken out of the thread's state. */
static PyObject *take_exception(void)
{
    PyObject *type, *value, *traceback;
    PyErr_Fetch(&type, &value, &traceback);
    PyErr_NormalizeException(&type, &value, &traceback);
    if (value != NULL && traceback != NULL) {
        PyException_SetTraceback(value, traceback);
    }
    Py_XDECREF(type);
    Py_XDECREF(traceback);
    return value;
}

__attribute__((export_name("codeexec_initialize")))
int codeexec_initialize(void)
{
    if (PyImport_AppendInittab("_codeexec", init_codeexec_module) != 0) {
        return 1;
    }
    __wasi_size_t argc, size;
    if (__wasi_args_sizes_get(&argc, &size) != __WASI_ERRNO_SUCCESS) {
        return 1;
    }
    char **argv = calloc(argc + 1, sizeof(char *));
    char *buffer = malloc(size);
    if (argv == NULL || buffer == NULL || __wasi_args_get((uint8_t **)argv, (uint8_t *)buffer) != __WASI_ERRNO_SUCCESS) {
        return 1;
    }

    PyConfig config;
    PyConfig_InitPythonConfig(&config);
    PyStatus status = PyConfig_SetBytesArgv(&config, (Py_ssize_t)argc, argv);
    if (!PyStatus_Exception(status)) {
        status = PyConfig_Read(&config);
    }
    if (!PyStatus_Exception(status) && config.run_command == NULL) {
        status = PyStatus_Error("codeexec_initialize needs -c BOOTSTRAP among its arguments");
    }
    if (!PyStatus_Exception(status)) {
        status = Py_InitializeFromConfig(&config);
    }
    if (PyStatus_Exception(status)) {
        PyConfig_Clear(&config);
        Py_ExitStatusException(status);
    }
    int result = run_bootstrap(&config);
    PyConfig_Clear(&config);
    free(buffer);
    free(argv);
    return result;
}

/* The store's arguments after "-c BOOTSTRAP", as a list of str. */
static PyObject *request_fields(void)
{
    __wasi_size_t argc, size;
    if (__wasi_args_sizes_get(&argc, &size) != __WASI_ERRNO_SUCCESS) {
        return PyErr_Format(PyExc_OSError, "args_sizes_get failed");
    }
    char **argv = calloc(argc + 1, sizeof(char *));
    char *buffer = malloc(size);
    PyObject *fields = NULL;
    if (argv == NULL || buffer == NULL) {
        PyErr_NoMemory();
    } else if (__wasi_args_get((uint8_t **)argv, (uint8_t *)buffer) != __WASI_ERRNO_SUCCESS) {
        PyErr_Format(PyExc_OSError, "args_get failed");
    } else if ((fields = PyList_New(0)) != NULL) {
        __wasi_size_t first = argc;
        for (__wasi_size_t i = 1; i + 1 < argc; i++) {
            if (strcmp(argv[i], "-c") == 0) {
                first = i + 2;
                break;
            }
        }
        for (__wasi_size_t i = first; i < argc; i++) {
            PyObject *field = PyUnicode_DecodeUTF8(argv[i], (Py_ssize_t)strlen(argv[i]), "surrogateescape");
            if (field == NULL || PyList_Append(fields, field) != 0) {
                Py_XDECREF(field);
                Py_CLEAR(fields);
                break;
            }
            Py_DECREF(field);
        }
    }
    free(buffer);
    free(argv);
    return fields;
}

/* The C library learns the preopened directories when it starts (its constructor), so an interpreter resumed from
   the snapshot knows only those the snapshot was baked with (the runtime's read-only root, descriptor 3). A run with
   a file system has its directory preopened after them: each descriptor past the known ones that is a preopened
   directory is registered here, with the path the host gave it (kept: the library may hold on to it, and the
   instance is discarded after the run anyway). */

static void register_later_preopens(void)
{
    for (int fd = 4; fd < 64; fd++) {
        __wasi_prestat_t prestat;
        if (__wasi_fd_prestat_get(fd, &prestat) != __WASI_ERRNO_SUCCESS) {
            break;
        }
        if (prestat.tag != __WASI_PREOPENTYPE_DIR) {
            continue;
        }
        size_t length = prestat.u.dir.pr_name_len;
        char *path = malloc(length + 1);
        if (path == NULL) {
            break;
        }
        if (__wasi_fd_prestat_dir_name(fd, (uint8_t *)path, length) == __WASI_ERRNO_SUCCESS) {
            path[length] = '\0';
            __wasilibc_register_preopened_fd(fd, path);
        }
    }
}

__attribute__((export_name("codeexec_run")))
void codeexec_run(void)
{
    if (start == NULL) {
        if (codeexec_initialize() != 0) {
            __wasi_proc_exit(70);
        }
    } else {
        register_later_preopens();
    }
    PyObject *error = NULL;
    PyObject *fields = request_fields();
    PyObject *code = fields == NULL ? NULL : PyObject_CallOneArg(start, fields);
    Py_XDECREF(fields);
    if (code == NULL) {
        error = take_exception();
    } else {
        PyObject *result = PyEval_EvalCode(code, globals, globals);
        if (result == NULL) {
            error = take_exception();
        }
        Py_XDECREF(result);
        Py_DECREF(code);
    }
    /* Ends the process itself (os._exit); returning means it could not. */
    Py_XDECREF(PyObject_CallOneArg(finish, error != NULL ? error : Py_None));
    if (PyErr_Occurred()) {
        PyErr_Print();
    }
    __wasi_proc_exit(70);
}
