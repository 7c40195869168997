/*
** The reference server of `make bench`: the same stack as ecdreport
** (libmicrohttpd with epoll and a pool of 2 threads, SQLite, ctemplate) and
** nothing else, so ecdreport's figures can be given as a ratio to it.
**
**   GET /        a tiny fixed page (the bare libmicrohttpd figure)
**   GET /tpl     one primary-key lookup in SQLite, rendered by ctemplate
**
** Usage: ref PORT DB TEMPLATE_DIR. Stops on SIGINT or SIGTERM. As ecdreport
** does, the answer is queued on the second call of the access handler, never
** the first (which would lose keep-alive).
*/
#include <ctemplate/template.h>
#include <microhttpd.h>
#include <sqlite3.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <pthread.h>
#include <signal.h>

static const char *db_path;
static thread_local sqlite3 *conn;
static thread_local sqlite3_stmt *lookup;

/* The name of unit id, by one prepared primary-key lookup on the thread's connection. */
static std::string unit_name(long id)
{
    if (!conn) {
        sqlite3_open_v2(db_path, &conn, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
        sqlite3_prepare_v3(conn, "SELECT name FROM unit WHERE id = ?", -1,
                           SQLITE_PREPARE_PERSISTENT, &lookup, nullptr);
    }
    std::string name;
    if (!lookup)
        return name;
    sqlite3_bind_int64(lookup, 1, id);
    if (sqlite3_step(lookup) == SQLITE_ROW)
        name = reinterpret_cast<const char *>(sqlite3_column_text(lookup, 0));
    sqlite3_reset(lookup);
    return name;
}

static MHD_Result on_request(void *, MHD_Connection *c, const char *url, const char *, const char *,
                             const char *, size_t *, void **req_cls)
{
    static int first;
    if (!*req_cls) {
        *req_cls = &first;
        return MHD_YES;
    }
    std::string body;
    const char *type = "text/plain; charset=utf-8";
    if (std::strcmp(url, "/tpl") == 0) {
        ctemplate::TemplateDictionary dict("ref");
        dict.SetValue("name", unit_name(1 + random() % 60));
        dict.SetValue("title", "Tham chiếu");
        ctemplate::ExpandTemplate("ref.tpl", ctemplate::STRIP_BLANK_LINES, &dict, &body);
        type = "text/html; charset=utf-8";
    } else {
        body = "ok\n";
    }
    MHD_Response *res = MHD_create_response_from_buffer(body.size(), (void *)body.data(),
                                                        MHD_RESPMEM_MUST_COPY);
    MHD_add_response_header(res, "Content-Type", type);
    MHD_Result ret = MHD_queue_response(c, MHD_HTTP_OK, res);
    MHD_destroy_response(res);
    return ret;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        std::fprintf(stderr, "usage: ref PORT DB TEMPLATE_DIR\n");
        return 2;
    }
    db_path = argv[2];
    ctemplate::mutable_default_template_cache()->SetTemplateRootDirectory(argv[3]);
    /* the daemon's threads inherit the blocked signals: only sigwait sees them */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, nullptr);
    MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL, (uint16_t)std::atoi(argv[1]), nullptr,
        nullptr, on_request, nullptr, MHD_OPTION_THREAD_POOL_SIZE, 2u,
        MHD_OPTION_CONNECTION_TIMEOUT, 30u, MHD_OPTION_END);
    if (!d)
        return 1;
    std::printf("serving\n");
    std::fflush(stdout);
    int sig;
    sigwait(&stop, &sig);
    MHD_stop_daemon(d);
    return 0;
}
