/* Imports a function the sandbox does not provide, env.host_secret: the module must be refused, naming it. */
__attribute__((import_module("env"), import_name("host_secret"))) int host_secret(void);

int main(void) {
    return host_secret();
}
