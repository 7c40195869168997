/*
** Static files: CSS, scripts, images from static/ under the data directory.
*/
#include "app.h"
#include "http.h"
#include "pages.h"

#include <stdio.h>
#include <string.h>

/* The content type for a file name by its extension. */
static const char *content_type(const char *name)
{
    static const char *const types[][2] = {
        {".css", "text/css; charset=utf-8"},    {".js", "text/javascript; charset=utf-8"},
        {".svg", "image/svg+xml"},              {".png", "image/png"},
        {".ico", "image/x-icon"},               {".txt", "text/plain; charset=utf-8"},
        {".ttf", "font/ttf"},
    };
    const char *dot = strrchr(name, '.');
    for (size_t i = 0; dot && i < sizeof types / sizeof *types; i++)
        if (strcmp(dot, types[i][0]) == 0)
            return types[i][1];
    return "application/octet-stream";
}

/*
** GET /static/{name}
**
** One file of static/. The name may hold letters, digits, '.', '-' and '_'
** only, and may not start with '.', so no path leaves the directory. Anyone.
*/
int page_static(struct req *r)
{
    const char *name = r->args[0];
    if (!name || name[0] == '.' || strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                       "0123456789._-") != strlen(name))
        return 404;
    char rel[512], path[4096];
    snprintf(rel, sizeof rel, "static/%s", name);
    return http_file(r, app_path(path, sizeof path, rel), content_type(name));
}
