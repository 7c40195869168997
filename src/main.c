/*
** ecdreport: the command line. One binary, one SQLite file.
**
**   ecdreport [--db FILE] [--home DIR] COMMAND [options]
**
** --db defaults to ecdreport.db in the current directory; --home is the
** directory holding templates/, static/ and sql/ (default: beside the binary
** when it is there, else the installed data directory).
*/
#include "admin.h"
#include "app.h"
#include "auth.h"
#include "db.h"
#include "demo.h"
#include "export.h"
#include "fmt.h"
#include "form.h"
#include "http.h"
#include "import.h"
#include "log.h"
#include "render.h"
#include "sheet.h"
#include "str.h"
#include "unit.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef ECD_DATADIR
#define ECD_DATADIR "/usr/local/share/ecdreport"
#endif

static const char usage[] =
    "usage: ecdreport [--db FILE] [--home DIR] COMMAND [options]\n"
    "\n"
    "Commands:\n"
    "  init [--demo] [--units]  create the database or upgrade its schema, load the form;\n"
    "                           --demo adds demo units, users and data; --units loads\n"
    "                           the national unit lists and the 2025 merges (sql/units/)\n"
    "  serve [--port 8080] [--bind 127.0.0.1] [--session-idle MINUTES]\n"
    "        [--session-max HOURS] [--quiet] [--public-url https://…]\n"
    "        [--trust-proxy ADDRESS] [limits: see serve --help]\n"
    "                           run the web application until SIGINT or SIGTERM\n"
    "  user add --username U --role commune|district|province|national|admin [--unit CODE]\n"
    "           [--name \"Full name\"]\n"
    "                           create a user; the password is read from standard input\n"
    "  units import FILE.csv [--from YYYY-MM-DD]\n"
    "                           load the official list of administrative units\n"
    "  units merges FILE.csv [--from YYYY-MM-DD]\n"
    "                           load which communes merged into which\n"
    "  export --unit CODE --period P --format csv|xlsx|json [--out FILE] [--only-approved]\n"
    "                           the unit's table (a commune's report) as a file\n"
    "  backup OUT.db            a consistent copy of the live database\n"
    "\n"
    "Global options:\n"
    "  --db FILE                the database (default ecdreport.db)\n"
    "  --home DIR               where templates/, static/ and sql/ are\n"
    "\n"
    "`ecdreport COMMAND --help` explains one command.\n";

/* The value following option name in argv (removing both), or NULL. */
static const char *take_option(int *argc, char **argv, const char *name)
{
    for (int i = 1; i < *argc - 1; i++) {
        if (strcmp(argv[i], name) == 0) {
            const char *v = argv[i + 1];
            memmove(&argv[i], &argv[i + 2], sizeof *argv * (size_t)(*argc - i - 2));
            *argc -= 2;
            return v;
        }
    }
    return NULL;
}

/* Is flag in argv (removing it)? */
static bool take_flag(int *argc, char **argv, const char *name)
{
    for (int i = 1; i < *argc; i++) {
        if (strcmp(argv[i], name) == 0) {
            memmove(&argv[i], &argv[i + 1], sizeof *argv * (size_t)(*argc - i - 1));
            (*argc)--;
            return true;
        }
    }
    return false;
}

/* The data directory: --home, $ECDREPORT_HOME, else the first of these
** beside the binary that holds templates/: its own directory (a build in the
** repository), two levels up (the ASan build in build/asan/), or
** ../share/ecdreport (installed under any prefix); else the compiled-in
** ECD_DATADIR. */
static const char *find_home(const char *given)
{
    static const char *const candidates[] = {"", "/..", "/../..", "/../share/ecdreport"};
    static char found[4200];
    char exe[4096], probe[4300];
    if (given)
        return given;
    if (getenv("ECDREPORT_HOME"))
        return getenv("ECDREPORT_HOME");
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return ECD_DATADIR;
    exe[n] = 0;
    const char *dir = dirname(exe);
    for (size_t i = 0; i < sizeof candidates / sizeof *candidates; i++) {
        snprintf(found, sizeof found, "%s%s", dir, candidates[i]);
        snprintf(probe, sizeof probe, "%s/templates/report.tpl", found);
        if (access(probe, R_OK) == 0)
            return found;
    }
    return ECD_DATADIR;
}

/* The national lists shipped in sql/units/ (sql/units/README.md), in the
** order init --units loads them: the last three-tier list plainly, the
** two-tier list in force from 01/07/2025, the whole country's merges. */
static const struct {
    const char *file, *from;
    bool merges;
} national_units[] = {
    {"sql/units/gso-2025-07-18-communes.csv", NULL, false},
    {"sql/units/dvhc-2026-two-tier.csv", "2025-07-01", false},
    {"sql/units/vn-2025-merges.csv", "2025-07-01", true},
};

static char *slurp(struct arena *a, const char *path, size_t *len);
static void print_errors(const char *what, const char *path, const struct import_result *res);

/* Imports one unit list or merges file (path) as `units import|merges`
** does, printing its summary. 0, or -1 with the errors on stderr. */
static int import_file(const char *path, const char *from, bool merges)
{
    struct arena *a = arena_new();
    struct import_result *res = a ? arena_alloc(a, sizeof *res) : NULL;
    size_t len = 0;
    char *data = res ? slurp(a, path, &len) : NULL;
    int rc = -1;
    if (!data) {
        fprintf(stderr, "units %s: cannot read %s\n", merges ? "merges" : "import", path);
    } else if (merges ? import_merges(a, data, len, from, 0, path, res)
                      : import_units(a, data, len, from, 0, path, res)) {
        print_errors(merges ? "merges" : "import", path, res);
    } else {
        if (merges)
            printf("%s: %d dòng, %d cặp xã cũ → xã mới mới ghi.\n", path, res->n_pairs,
                   res->added);
        else
            printf("%s: %s\n", path, import_summary(a, res));
        rc = 0;
    }
    arena_free(a);
    return rc;
}

static int cmd_init(int argc, char **argv)
{
    if (take_flag(&argc, argv, "--help")) {
        printf("usage: ecdreport init [--demo] [--units]\n\n"
               "Creates the database, or upgrades its schema (idempotent), and loads the form\n"
               "definition from sql/. Only init creates a database file.\n"
               "  --units  loads the national unit lists that ship with the program\n"
               "           (sql/units/): the three-tier list of the statistics office up to\n"
               "           30/06/2025, the two-tier list from 01/07/2025 and the whole\n"
               "           country's merges of 01/07/2025. Idempotent: run it again after\n"
               "           an upgrade, nothing changes that has not changed in the files.\n"
               "  --demo   adds the demo units, users and data (with --units too, the demo is\n"
               "           loaded first).\n");
        return 0;
    }
    bool demo = take_flag(&argc, argv, "--demo");
    bool units = take_flag(&argc, argv, "--units");
    char path[4096];
    if (argc > 1) {
        fprintf(stderr, "init: unknown option %s (see ecdreport init --help)\n", argv[1]);
        return 2;
    }
    if (db_migrate(app_path(path, sizeof path, "sql")) < 0 ||
        db_exec_file(app_path(path, sizeof path, "sql/form_ecd_appendix.sql")) < 0)
        return 1;
    if (demo) {
        struct form *f = form_load("ecd-appendix");
        int rc = f ? demo_load(f, app_path(path, sizeof path, "sql/demo.sql")) : -1;
        form_free(f);
        if (rc < 0)
            return 1;
    }
    for (size_t i = 0; units && i < sizeof national_units / sizeof *national_units; i++)
        if (import_file(app_path(path, sizeof path, national_units[i].file),
                        national_units[i].from, national_units[i].merges) < 0)
            return 1;
    printf("Database %s is ready%s%s.\n", app.db_path, units ? ", with the national unit lists" : "",
           demo ? (units ? " and the demo" : ", with the demo") : "");
    if (demo)
        demo_print_accounts();
    return 0;
}

/* Is addr (an IP address as text) a loopback address: 127.0.0.0/8 or ::1? */
static bool is_loopback(const char *addr)
{
    struct in_addr in4;
    struct in6_addr in6;
    if (inet_pton(AF_INET, addr, &in4) == 1)
        return (ntohl(in4.s_addr) >> 24) == 127;
    return inet_pton(AF_INET6, addr, &in6) == 1 && IN6_IS_ADDR_LOOPBACK(&in6);
}

/* Refuses (false, with the reason on stderr) to serve anywhere but loopback
** while a demo account keeps the published password; sets app.demo. */
static bool demo_check(const char *addr)
{
    struct arena *a = arena_new();
    const char *open = a ? demo_open_accounts(a) : "";
    bool ok = !*open || is_loopback(addr);
    __atomic_store_n(&app.demo, *open != 0, __ATOMIC_RELAXED);
    if (!ok)
        fprintf(stderr,
                "serve: không mở ra ngoài (%s) khi tài khoản dùng thử còn mật khẩu công khai "
                "\"%s\": %s.\n"
                "Hãy chạy serve trên 127.0.0.1, đăng nhập bằng admin, đổi mật khẩu của từng tài "
                "khoản này ở \"Quản trị › Người dùng\" (đặt lại mật khẩu, hoặc khóa tài "
                "khoản) và của admin ở \"Đổi mật khẩu\"; rồi chạy lại với --bind %s.\n"
                "(The demo accounts above still have the published demo password: change "
                "them, or serve on 127.0.0.1 only.)\n",
                addr, DEMO_PASSWORD, open, addr);
    arena_free(a);
    return ok;
}

/* Waits for SIGINT or SIGTERM (blocked in every thread before they start). */
static void wait_for_signal(sigset_t *set)
{
    int sig;
    sigwait(set, &sig);
    log_msg(LOG_ERROR, "ecdreport", "%s, shutting down", sig == SIGINT ? "SIGINT" : "SIGTERM");
}

static const char serve_help[] =
    "usage: ecdreport serve [--port 8080] [--bind 127.0.0.1] [--session-idle MINUTES]\n"
    "                       [--session-max HOURS] [--quiet]\n"
    "                       [--public-url URL] [--trust-proxy ADDRESS]\n"
    "                       [--max-conn 1000] [--max-conn-per-addr 64] [--header-timeout 10]\n"
    "                       [--request-timeout 60] [--body-memory 32] [--shutdown-grace 10]\n"
    "\n"
    "Serves the web application until SIGINT or SIGTERM. --port 0 picks a free port;\n"
    "the address is printed on standard output. Sessions end after --session-idle\n"
    "minutes without a request (default 30) and --session-max hours after logging\n"
    "in, whatever the activity (default 12). --quiet turns the access log and the\n"
    "warnings about clients off (errors are always logged).\n"
    "While a demo account keeps the demo password, only a loopback --bind is\n"
    "accepted.\n"
    "--public-url https://… (the address users type, behind a TLS reverse proxy)\n"
    "makes every cookie Secure, names the session cookie __Host-ecd_session and\n"
    "sends Strict-Transport-Security. --trust-proxy ADDRESS takes the client's\n"
    "address (access log, login throttling) from X-Forwarded-For, only on\n"
    "connections from ADDRESS.\n"
    "\n"
    "Limits (a client that passes one is cut off; the others go on being served):\n"
    "  --max-conn N            connections at once, in all (default 1000)\n"
    "  --max-conn-per-addr N   connections at once from one client address (64);\n"
    "                          with --trust-proxy (every client has the proxy's\n"
    "                          address) it is --max-conn unless given\n"
    "  --header-timeout S      seconds a request's headers may take to arrive, and an\n"
    "                          idle kept-alive connection may wait (10); 2 when the\n"
    "                          server or the address holds half its connections\n"
    "  --request-timeout S     seconds headers and body together may take (60)\n"
    "  --body-memory MB        memory all request bodies being received may take\n"
    "                          together (32); past it the answer is 503 and Retry-After\n"
    "  --shutdown-grace S      at SIGTERM, seconds requests under way have to finish\n"
    "                          (10); no new connection is accepted meanwhile\n"
    "Bodies: 1 MB, 8 MB for the unit imports of the admin pages, 64 KB for a login;\n"
    "a larger body gets 413 at once.\n";

/* A positive integer option into *out; false (said on stderr) when present
** and not a number from 1 to max. */
static bool uint_option(int *argc, char **argv, const char *name, unsigned max, unsigned *out)
{
    const char *v = take_option(argc, argv, name);
    if (!v)
        return true;
    char *end;
    unsigned long n = strtoul(v, &end, 10);
    if (*v < '0' || *v > '9' || *end || n < 1 || n > max) {
        fprintf(stderr, "serve: %s wants a whole number from 1 to %u, not \"%s\"\n", name, max, v);
        return false;
    }
    *out = (unsigned)n;
    return true;
}

/* Takes serve's limit options into http_limits; false on a bad value. */
static bool limit_options(int *argc, char **argv)
{
    struct http_limits *l = &http_limits;
    unsigned mb = (unsigned)(l->body_memory >> 20);
    bool ok = uint_option(argc, argv, "--max-conn", 100000, &l->max_conn) &&
              uint_option(argc, argv, "--max-conn-per-addr", 100000, &l->max_conn_per_addr) &&
              uint_option(argc, argv, "--header-timeout", 3600, &l->header_timeout) &&
              uint_option(argc, argv, "--request-timeout", 86400, &l->request_timeout) &&
              uint_option(argc, argv, "--body-memory", 65536, &mb) &&
              uint_option(argc, argv, "--shutdown-grace", 3600, &l->shutdown_grace);
    l->body_memory = (size_t)mb << 20;
    if (l->busy_idle > l->header_timeout)
        l->busy_idle = l->header_timeout;
    if (l->body_memory < HTTP_IMPORT_MAX + (64u << 10))
        l->body_memory = HTTP_IMPORT_MAX + (64u << 10); /* one import always fits */
    return ok;
}

/* Is a file at home/rel readable? Otherwise says so on stderr. */
static bool readable(const char *rel)
{
    char path[4096];
    if (access(app_path(path, sizeof path, rel), R_OK) == 0)
        return true;
    log_msg(LOG_ERROR, "serve", "cannot start: %s is missing or unreadable", path);
    return false;
}

/* What serve needs before it listens: the templates (each one present parses)
** and the static files (db_ready has checked the database's schema, and
** form_load then checks the form). true, or false with every problem said on
** stderr. */
static bool serve_checks(void)
{
    static const char *const needed[] = {
        "templates/_head.tpl", "templates/_foot.tpl", "templates/error.tpl",
        "templates/login.tpl", "templates/report.tpl", "static/app.css",
        "static/form.js",      "sql/001_schema.sql",
    };
    bool ok = true;
    for (size_t i = 0; i < sizeof needed / sizeof *needed; i++)
        ok = readable(needed[i]) && ok;
    char dir[4096];
    DIR *d = opendir(app_path(dir, sizeof dir, "templates"));
    for (struct dirent *e; ok && d && (e = readdir(d));) {
        size_t n = strlen(e->d_name);
        if (n < 5 || strcmp(e->d_name + n - 4, ".tpl") != 0)
            continue;
        size_t len;
        json_t *empty = json_object();
        char *html = tpl_render(e->d_name, empty, &len);
        json_decref(empty);
        if (!html) {
            log_msg(LOG_ERROR, "serve", "cannot start: template %s/%s does not parse", dir,
                    e->d_name);
            ok = false;
        }
        free(html);
    }
    if (d)
        closedir(d);
    return ok;
}

/*
** serve --public-url URL: where users reach the server (an https:// URL
** makes cookies Secure, the session cookie __Host-, and sends HSTS);
** --trust-proxy ADDRESS: the reverse proxy whose X-Forwarded-For gives the
** client's address. Sets app; 0, or -1 with the reason on stderr.
*/
static int proxy_options(int *argc, char **argv)
{
    static char proxy[64];
    const char *url = take_option(argc, argv, "--public-url");
    const char *trust = take_option(argc, argv, "--trust-proxy");
    if (url && strncmp(url, "https://", 8) != 0 && strncmp(url, "http://", 7) != 0) {
        fprintf(stderr, "serve: --public-url must start with https:// or http:// (%s)\n", url);
        return -1;
    }
    if (trust && !http_normalise_addr(trust, proxy)) {
        fprintf(stderr, "serve: --trust-proxy needs the proxy's IP address (%s)\n", trust);
        return -1;
    }
    app.public_url = url;
    app.secure = url && strncmp(url, "https://", 8) == 0;
    app.trust_proxy = trust ? proxy : NULL;
    return 0;
}

static int cmd_serve(int argc, char **argv)
{
    if (take_flag(&argc, argv, "--help")) {
        fputs(serve_help, stdout);
        return 0;
    }
    const char *port = take_option(&argc, argv, "--port");
    const char *bind = take_option(&argc, argv, "--bind");
    const char *idle = take_option(&argc, argv, "--session-idle");
    const char *max = take_option(&argc, argv, "--session-max");
    app.quiet = take_flag(&argc, argv, "--quiet");
    log_quiet(app.quiet);
    bool per_addr_given = false;
    for (int i = 1; i < argc; i++)
        per_addr_given = per_addr_given || strcmp(argv[i], "--max-conn-per-addr") == 0;
    if (proxy_options(&argc, argv) < 0 || !limit_options(&argc, argv))
        return 2;
    if (app.trust_proxy && !per_addr_given) /* every client comes from the proxy */
        http_limits.max_conn_per_addr = http_limits.max_conn;
    if (idle)
        app.session_idle_minutes = atoi(idle) > 0 ? atoi(idle) : 30;
    if (max)
        app.session_max_hours = atoi(max) > 0 ? atoi(max) : 12;
    char dir[4096];
    if (tpl_init(app_path(dir, sizeof dir, "templates")) < 0) {
        log_msg(LOG_ERROR, "serve", "cannot start: no templates directory %s (--home, or "
                                    "ECDREPORT_HOME)", dir);
        return 1;
    }
    if (!serve_checks()) {
        tpl_shutdown();
        return 1;
    }
    struct form *f = form_load("ecd-appendix");
    if (!f) {
        tpl_shutdown();
        return 1;
    }
    app.form = f;
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    const char *addr = bind ? bind : "127.0.0.1";
    if (!demo_check(addr)) {
        form_free(f);
        tpl_shutdown();
        return 1;
    }
    int bound = http_start(addr, port ? atoi(port) : 8080);
    if (bound < 0) {
        form_free(f);
        tpl_shutdown();
        return 1;
    }
    printf("ecdreport: serving http://%s:%d/ (database %s)\n", addr, bound, app.db_path);
    fflush(stdout);
    wait_for_signal(&set);
    http_stop();
    form_free(f);
    tpl_shutdown();
    return 0;
}

/* Reads one line (the password) from standard input, without its newline. */
static char *read_password(char *buf, size_t n)
{
    if (!fgets(buf, (int)n, stdin))
        return NULL;
    buf[strcspn(buf, "\r\n")] = 0;
    return buf;
}

static int cmd_user(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "add") != 0 || take_flag(&argc, argv, "--help")) {
        printf("usage: ecdreport user add --username U --role commune|district|province|national|admin\n"
               "                          [--unit CODE [--unit-date YYYY-MM-DD]] [--name \"Full "
               "name\"]\n\n"
               "Creates a user. The password (at least 10 characters) is read from the first\n"
               "line of standard input. Every role but admin needs --unit: the official code\n"
               "of the unit valid today (or, if none is, its latest version), or valid on\n"
               "--unit-date (codes are reused: 30037 is Thị trấn Mỹ An on 2024-12-31 and Xã\n"
               "Tháp Mười on 2025-07-01). national is the ministry's role, at the country\n"
               "(--unit VN).\n");
        return argc >= 2 && strcmp(argv[1], "add") == 0 ? 0 : 2;
    }
    const char *username = take_option(&argc, argv, "--username");
    const char *role = take_option(&argc, argv, "--role");
    const char *code = take_option(&argc, argv, "--unit");
    const char *unit_date = take_option(&argc, argv, "--unit-date");
    const char *name = take_option(&argc, argv, "--name");
    char password[1024];
    struct unit u = {0};
    struct arena *a = arena_new();
    const char *why = NULL;
    int rc = 1;
    if (!username || !auth_role(role)) {
        fprintf(stderr, "user add: --username and --role commune|district|province|national|admin are "
                        "required\n");
    } else if (unit_date && !fmt_is_date(unit_date)) {
        fprintf(stderr, "user add: --unit-date must be YYYY-MM-DD\n");
    } else if (code && unit_find(a, code, unit_date, &u) < 0) {
        fprintf(stderr, "user add: no unit with code %s\n", code);
    } else if (auth_role(role) == ROLE_NATIONAL && (!u.level || strcmp(u.level, "country") != 0)) {
        fprintf(stderr, "user add: the national role belongs to the country: --unit VN\n");
    } else if (!read_password(password, sizeof password)) {
        fprintf(stderr, "user add: no password on standard input\n");
    } else if (auth_user_add(username, password, auth_role(role), u.id, name, &why) < 0) {
        fprintf(stderr, "user add: %s\n", why);
    } else {
        printf("User %s (%s%s%s) created.\n", username, role, u.name ? ", " : "",
               u.name ? u.name : "");
        admin_log_alone(0, "user.add",
                        arena_printf(a, "Tạo tài khoản %s (%s, %s) bằng dòng lệnh", username, role,
                                     u.name ? u.name : "toàn hệ thống"));
        rc = 0;
    }
    arena_free(a);
    return rc;
}

/* The whole file at path in a (NUL-terminated), its size in *len; NULL if unreadable. */
static char *slurp(struct arena *a, const char *path, size_t *len)
{
    struct buf b = {0};
    char *out = buf_read_file(&b, path) == 0 ? arena_strndup(a, b.s, b.len) : NULL;
    *len = b.len;
    buf_free(&b);
    return out;
}

/* Prints the errors of a rejected import on stderr. */
static void print_errors(const char *what, const char *path, const struct import_result *res)
{
    fprintf(stderr, "units %s: %s bị từ chối, không nhập gì:\n", what, path);
    for (int i = 0; i < res->n_errors; i++) {
        if (res->errors[i].line > 0)
            fprintf(stderr, "  dòng %d: %s\n", res->errors[i].line, res->errors[i].message);
        else
            fprintf(stderr, "  %s\n", res->errors[i].message);
    }
    if (res->more_errors)
        fprintf(stderr, "  … và %d lỗi khác.\n", res->more_errors);
}

static const char units_help[] =
    "usage: ecdreport units import FILE.csv [--from YYYY-MM-DD]\n"
    "       ecdreport units merges FILE.csv [--from YYYY-MM-DD]\n\n"
    "import loads the official list of administrative units: a UTF-8 CSV (with or\n"
    "without a byte-order mark) with a header row naming the columns (any order)\n"
    "\"Tỉnh / Thành Phố\", \"Mã TP\", \"Quận Huyện\", \"Mã QH\", \"Phường Xã\", \"Mã PX\",\n"
    "\"Cấp\", or the statistics office's commune listing \"Mã\", \"Tên\", \"Tên Tiếng\n"
    "Anh\", \"Cấp\", \"Mã QH\", \"Quận Huyện\", \"Mã TP\", \"Tỉnh / Thành Phố\". Rows\n"
    "without the district columns (or with them empty) put the commune directly\n"
    "under its province. The national lists ship in sql/units/: `init --units`\n"
    "loads them all.\n\n"
    "Without --from the units have no start date (the first list of an\n"
    "installation); a re-import updates names and parents and deletes only units\n"
    "that nothing refers to. With --from DATE the file is the list in force from\n"
    "DATE: a unit the file lacks, or whose name or parent changed, ends the day\n"
    "before, and a changed one gets a new version from DATE. A file with any bad\n"
    "row is rejected whole, with every bad line listed; nothing is imported.\n\n"
    "merges loads which old commune became which new one (columns ma_xa_cu,\n"
    "ma_xa_moi, can_cu): the old commune is the one valid the day before --from,\n"
    "the new one the one valid from --from (default 2025-07-01). A new commune\n"
    "then shows its predecessors' earlier reports.\n";

static int cmd_units(int argc, char **argv)
{
    if (take_flag(&argc, argv, "--help")) {
        fputs(units_help, stdout);
        return 0;
    }
    const char *from = take_option(&argc, argv, "--from");
    if (argc != 3 || (strcmp(argv[1], "import") != 0 && strcmp(argv[1], "merges") != 0)) {
        fputs(units_help, stderr);
        return 2;
    }
    bool merges = strcmp(argv[1], "merges") == 0;
    return import_file(argv[2], merges ? (from ? from : "2025-07-01") : from, merges) == 0 ? 0 : 1;
}

/* Writes len bytes of data to path, or to standard output when path is NULL.
** 0, or -1 (logged). */
static int write_out(const char *path, const char *data, size_t len)
{
    FILE *out = path ? fopen(path, "wb") : stdout;
    if (!out) {
        perror(path);
        return -1;
    }
    bool ok = fwrite(data, 1, len, out) == len;
    ok = (path ? fclose(out) : fflush(out)) == 0 && ok;
    if (!ok)
        fprintf(stderr, "export: cannot write %s\n", path ? path : "standard output");
    return ok ? 0 : -1;
}

/* The sheet of unit code for period, filled in a; the unit valid in that
** period; a roll-up of the approved reports only when only_approved. 0, or
** -1 with the reason on stderr. */
static int load_export_sheet(struct arena *a, const struct form *f, const char *code,
                             const char *period, bool only_approved, struct sheet *s)
{
    struct period p;
    struct unit u;
    if (period_find(a, period, &p) < 0) {
        fprintf(stderr, "export: no period %s\n", period);
        return -1;
    }
    if (unit_find(a, code, p.end, &u) < 0) {
        fprintf(stderr, "export: no unit with code %s\n", code);
        return -1;
    }
    switch (sheet_load(a, f, &u, &p, false, only_approved, s)) {
    case SHEET_FILLED:
        return 0;
    case SHEET_FAILED:
        break;
    }
    fprintf(stderr, "export: cannot read the report\n");
    return -1;
}

static int cmd_export(int argc, char **argv)
{
    if (take_flag(&argc, argv, "--help")) {
        printf("usage: ecdreport export --unit CODE --period P --format csv|xlsx|json [--out FILE]\n"
               "                        [--only-approved]\n"
               "\n"
               "Writes the table of one unit for one period: a commune's report (any status),\n"
               "or a district's or province's roll-up of the submitted and approved reports\n"
               "(with --only-approved: of the approved reports only).\n"
               "CODE is the official code of the unit valid in that period; P is 2024,\n"
               "2024S1 or 2024S2. Without --out the file goes to standard output.\n"
               "  csv   UTF-8 with a byte-order mark; one row per element: code, label, value,\n"
               "        denominator, ratio (a decimal fraction)\n"
               "  xlsx  the printed table as a spreadsheet (counts as numbers, ratios as %%)\n"
               "  json  {unit, unit_name, period, status, title, subtitle, rows: [{code, label,\n"
               "        value, denominator, ratio}]}\n");
        return 0;
    }
    const char *code = take_option(&argc, argv, "--unit");
    const char *period = take_option(&argc, argv, "--period");
    const char *format = take_option(&argc, argv, "--format");
    const char *out = take_option(&argc, argv, "--out");
    bool only_approved = take_flag(&argc, argv, "--only-approved");
    if (!code || !period || !format || !export_content_type(format)) {
        fprintf(stderr, "export: --unit CODE, --period P and --format csv|xlsx|json are required\n");
        return 2;
    }
    struct form *f = form_load("ecd-appendix");
    struct arena *a = arena_new();
    struct sheet s;
    char *data = NULL;
    size_t len = 0;
    int rc = 1;
    if (f && a && load_export_sheet(a, f, code, period, only_approved, &s) == 0 &&
        (data = export_sheet(&s, format, &len)) != NULL)
        rc = write_out(out, data, len) == 0 ? 0 : 1;
    free(data);
    arena_free(a);
    form_free(f);
    return rc;
}

static int cmd_backup(int argc, char **argv)
{
    bool verify = take_flag(&argc, argv, "--verify");
    if (argc != 2 || strcmp(argv[1], "--help") == 0) {
        printf("usage: ecdreport backup OUT.db [--verify]\n\nWrites a consistent copy of the "
               "database, safe while serve runs: one snapshot,\nreadable by its owner only "
               "(0600), written under a temporary name and renamed\nwhen complete. --verify "
               "then runs `ecdreport check OUT.db`.\n");
        return argc == 2 ? 0 : 2;
    }
    if (db_backup(argv[1]) < 0)
        return 1;
    printf("Backup written to %s\n", argv[1]);
    return verify && db_check(argv[1], stdout) < 0 ? 1 : 0;
}

/* ecdreport check FILE.db: needs no database of its own (see main). */
static int cmd_check(int argc, char **argv)
{
    if (argc != 2 || strcmp(argv[1], "--help") == 0) {
        printf("usage: ecdreport check FILE.db\n\nOpens FILE.db read-only, runs PRAGMA "
               "integrity_check and prints its schema\nversion and counts (reports, units, "
               "users). Exit status 0 only when all is well.\n");
        return argc == 2 ? 0 : 2;
    }
    return db_check(argv[1], stdout) == 0 ? 0 : 1;
}

/* Does the command line ask for help (--help or -h anywhere after the command)? */
static bool wants_help(int argc, char **argv)
{
    for (int i = 2; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return true;
    return false;
}

/* The highest migration number in sql/ (the schema init gives), or 0. */
static int latest_migration(void)
{
    char dir[4096];
    DIR *d = opendir(app_path(dir, sizeof dir, "sql"));
    struct dirent *e;
    int latest = 0;
    while (d && (e = readdir(d)))
        if (e->d_name[0] >= '0' && e->d_name[0] <= '9' && strstr(e->d_name, ".sql") &&
            atoi(e->d_name) > latest)
            latest = atoi(e->d_name);
    if (d)
        closedir(d);
    return latest;
}

/*
** Every command but init works on a database init made, and never creates
** one: checks that app.db_path exists and holds the current schema (its
** user_version is the latest migration of sql/), opening it read-only and
** without creating anything. 0, or -1 with a message naming `ecdreport init`.
*/
static int db_ready(const char *command)
{
    sqlite3 *db = NULL;
    int version = -1;
    if (access(app.db_path, F_OK) != 0) {
        fprintf(stderr,
                "%s: there is no database %s. Create it first with\n"
                "  ecdreport --db %s init --units\n"
                "(then `user add --role admin` for the first administrator), or `init --demo`.\n",
                command, app.db_path, app.db_path);
        return -1;
    }
    if (sqlite3_open_v2(app.db_path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
        sqlite3_stmt *st = NULL;
        if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
            sqlite3_step(st) == SQLITE_ROW)
            version = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    if (version <= 0) {
        fprintf(stderr,
                "%s: %s is not an ecdreport database (no schema). Run\n"
                "  ecdreport --db %s init --units\n"
                "to create the schema and load the national unit lists.\n",
                command, app.db_path, app.db_path);
        return -1;
    }
    if (version < latest_migration()) {
        fprintf(stderr,
                "%s: the schema of %s is older than this program's (version %d, needs %d). "
                "Run\n  ecdreport --db %s init\nto upgrade it (nothing is lost); then start "
                "again.\n",
                command, app.db_path, version, latest_migration(), app.db_path);
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    umask(077); /* the database, its WAL and SHM, backups and exports are private */
    const char *db = take_option(&argc, argv, "--db");
    const char *home = take_option(&argc, argv, "--home");
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs(usage, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    static const struct {
        const char *name;
        int (*run)(int, char **);
    } commands[] = {{"init", cmd_init}, {"serve", cmd_serve}, {"user", cmd_user},
                    {"units", cmd_units}, {"export", cmd_export}, {"backup", cmd_backup}};
    app.home = find_home(home);
    if (db)
        app.db_path = db;
    if (strcmp(argv[1], "check") == 0) /* reads the file named, nothing else */
        return cmd_check(argc - 1, argv + 1);
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
        if (strcmp(argv[1], commands[i].name) != 0)
            continue;
        if (wants_help(argc, argv)) /* help never touches a database */
            return commands[i].run(argc - 1, argv + 1);
        if (auth_init() < 0 || (strcmp(argv[1], "init") != 0 && db_ready(argv[1]) < 0) ||
            db_open(app.db_path) < 0)
            return 1;
        int rc = commands[i].run(argc - 1, argv + 1);
        db_close_thread();
        return rc;
    }
    fprintf(stderr, "ecdreport: unknown command %s\n\n%s", argv[1], usage);
    return 2;
}
