/* cmd_serve_write.c - the review station's part of `hoso serve`: sign-in and sessions,
 * users, and the fields of a dossier with their corrections. Who may do what is decided
 * here: a read-only token (or none, on loopback without one) reads; a write needs a live
 * session (its cookie) and the session's CSRF token in X-CSRF-Token; then the role: a
 * reviewer corrects fields, an archivist also marks dossiers returned or withdrawn, an admin
 * also manages users. Writes go through the server's one
 * writable connection, under its lock. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli_i18n.h"
#include "cmd_serve.h"

/* The path under /api: segment i, or "" past the end. */
static const char *seg(const srv_req *r, int i)
{
    return i < r->nseg ? r->seg[i] : "";
}

int srv_review_route(const srv_req *r)
{
    if (r->nseg < 2 || strcmp(r->seg[0], "api") != 0)
        return 0;
    const char *a = r->seg[1];
    if (r->nseg == 2 && (!strcmp(a, "login") || !strcmp(a, "logout") || !strcmp(a, "session") ||
                         !strcmp(a, "users")))
        return 1;
    if (!strcmp(a, "users") && r->nseg == 4 && !strcmp(r->seg[3], "delete"))
        return 1;
    return !strcmp(a, "dossiers") && r->nseg == 4 &&
           (!strcmp(r->seg[3], "fields") || (r->post && !strcmp(r->seg[3], "status")));
}

/* A string member of the body, or NULL. */
static const char *form_str(const srv_req *r, const char *key)
{
    return json_string_value(json_object_get(r->form, key));
}

/* An integer member of the body, given as a number or as a string of digits (a form);
 * -1 when absent or not such. */
static long long form_int(const srv_req *r, const char *key)
{
    const json_t *v = json_object_get(r->form, key);
    if (json_is_integer(v))
        return json_integer_value(v);
    const char *s = json_string_value(v);
    int n;
    if (s && *s && cli_parse_int(s, 0, 1000000000, &n) == 0)
        return n;
    return -1;
}

static json_t *session_json(const char *user, int role, const char *csrf, long long expires)
{
    return json_pack("{s:s, s:s, s:s, s:I}", "user", user, "role", idx_role_name(role), "csrf",
                     csrf, "expires", expires);
}

static void login(const srv_req *r, srv_reply *out)
{
    const char *name = form_str(r, "name"), *pw = form_str(r, "password");
    if (!r->form || !name || !pw) {
        srv_error(out, 400, N_("login: give name and password (JSON or a form)"));
        return;
    }
    hs_err err;
    hs_err_clear(&err);
    pthread_mutex_lock(&r->w->lock);
    int ok = srv_writer_db(r->w, &err) != NULL;
    pthread_mutex_unlock(&r->w->lock);
    if (!ok) {
        srv_error(out, 503, N_("login: signing in is off: %s"), err.msg);
        return;
    }
    int role = 0;
    /* checked on the thread's own connection: the slow digest holds no lock */
    if (idx_user_verify(r->db, name, pw, &role, &err)) {
        srv_error(out, 500, "%s", err.msg);
        return;
    }
    if (!role) {
        srv_error(out, 401, N_("wrong name or password"));
        return;
    }
    char id[IDX_TOKEN_HEX], csrf[IDX_TOKEN_HEX];
    pthread_mutex_lock(&r->w->lock);
    int rc = idx_session_new(r->w->db, name, IDX_SESSION_SECONDS, id, csrf, &err);
    pthread_mutex_unlock(&r->w->lock);
    if (rc) {
        srv_error(out, 500, "%s", err.msg);
        return;
    }
    /* HttpOnly: no script reads it; SameSite=Strict: no other site's page sends it */
    snprintf(out->cookie, sizeof out->cookie,
             SRV_COOKIE "=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d", id,
             IDX_SESSION_SECONDS);
    srv_json(out, session_json(name, role, csrf, (long long)time(NULL) + IDX_SESSION_SECONDS));
}

static void logout(const srv_req *r, srv_reply *out)
{
    hs_err err;
    hs_err_clear(&err);
    pthread_mutex_lock(&r->w->lock);
    int rc = idx_session_del(r->w->db, r->sid, &err);
    pthread_mutex_unlock(&r->w->lock);
    if (rc) {
        srv_error(out, 500, "%s", err.msg);
        return;
    }
    snprintf(out->cookie, sizeof out->cookie,
             SRV_COOKIE "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    srv_json(out, json_pack("{s:b}", "ok", 1));
}

static int add_user(void *ud, const char *name, int role, const char *created)
{
    return json_array_append_new(ud, json_pack("{s:s, s:s, s:s}", "name", name, "role",
                                               idx_role_name(role), "created", created))
               ? HS_ENOMEM
               : HS_OK;
}

static void users(const srv_req *r, srv_reply *out)
{
    hs_err err;
    hs_err_clear(&err);
    int rc = HS_OK;
    if (!r->post) {
        json_t *list = json_array();
        if ((rc = idx_user_each(r->db, add_user, list, &err))) {
            json_decref(list);
            srv_error(out, 500, "%s", err.msg[0] ? err.msg : "out of memory");
            return;
        }
        srv_json(out, json_pack("{s:o}", "users", list));
        return;
    }
    const char *name = r->nseg == 4 ? seg(r, 2) : form_str(r, "name");
    if (r->nseg == 4) {
        if (!strcmp(name, r->session.user)) {
            srv_error(out, 400, N_("user: you cannot remove yourself"));
            return;
        }
        pthread_mutex_lock(&r->w->lock);
        rc = idx_user_del(r->w->db, name, &err);
        pthread_mutex_unlock(&r->w->lock);
    } else {
        int role = idx_role_parse(form_str(r, "role"));
        const char *pw = form_str(r, "password");
        if (!name || !role || !pw) {
            srv_error(out, 400,
                      N_("user: give name, role (reviewer, archivist or admin) and "
                         "password"));
            return;
        }
        /* the digest is made under the lock: adding users is rare */
        pthread_mutex_lock(&r->w->lock);
        rc = idx_user_add(r->w->db, name, role, pw, &err);
        pthread_mutex_unlock(&r->w->lock);
    }
    if (rc)
        srv_error(out,
                  rc == HS_EEXIST    ? 409
                  : rc == HS_EINVAL  ? 400
                  : rc == HS_ENOTFOUND ? 404
                                     : 500,
                  "%s", err.msg);
    else
        srv_json(out, json_pack("{s:b, s:s}", "ok", 1, "user", name));
}

/* The fields of a dossier as reviewed, their version and history. */
static void fields_reply(idx_db *db, const char *code, srv_reply *out)
{
    hs_err err;
    hs_err_clear(&err);
    json_t *fields = NULL, *history = NULL;
    int version = 0;
    int rc = pl_review_fields(db, code, &fields, &history, &version, &err);
    if (rc) {
        srv_error(out, rc == HS_ENOTFOUND ? 404 : 500, "%s", err.msg);
        return;
    }
    srv_json(out, json_pack("{s:s, s:i, s:o, s:o}", "code", code, "version", version, "fields",
                            fields, "history", history));
}

static void correct(const srv_req *r, const char *code, srv_reply *out)
{
    long long version = form_int(r, "version"), page = form_int(r, "page");
    const char *field = form_str(r, "field"), *nv = form_str(r, "new"), *old = form_str(r, "old");
    if (!r->form || !field || !nv || version < 0) {
        srv_error(out, 400, N_("correction: give field, new, old (the value seen) and version"));
        return;
    }
    pl_correction c = {.field = field,
                       .page = page > 0 && page <= 100000 ? (int)page : 0,
                       .old_value = old ? old : "",
                       .new_value = nv,
                       .user = r->session.user};
    hs_err err;
    hs_err_clear(&err);
    int nver = 0;
    pthread_mutex_lock(&r->w->lock);
    int rc = pl_review_correct(r->w->db, code, &c, (int)version, &nver, &err);
    if (rc)
        srv_error(out,
                  rc == HS_EEXIST      ? 409
                  : rc == HS_EINVAL    ? 400
                  : rc == HS_ENOTFOUND ? 404
                                       : 500,
                  "%s", err.msg);
    else
        fields_reply(r->w->db, code, out);
    pthread_mutex_unlock(&r->w->lock);
}

/* The dossier's status (idx_status.c), as `hoso return` / `hoso status` change it: one
 * transaction with its "status" event, naming who. */
static void set_status(const srv_req *r, const char *code, srv_reply *out)
{
    int to = idx_status_parse(form_str(r, "status"));
    if (to < 0) {
        srv_error(out, 400, N_("status: give status (received, processing, returned, withdrawn)"));
        return;
    }
    hs_err err;
    hs_err_clear(&err);
    idx_status st;
    char when[24], detail[200];
    pthread_mutex_lock(&r->w->lock);
    idx_db *db = r->w->db;
    int rc = idx_begin(db, &err);
    if (rc == HS_OK)
        rc = idx_status_get(db, code, &st, &err);
    if (rc == HS_OK) {
        int from = st.status, closed = to == IDX_STATUS_RETURNED || to == IDX_STATUS_WITHDRAWN;
        st.status = to;
        st.returned_at = closed ? idx_time_now() : IDX_TIME_NONE;
        idx_time_format(st.returned_at, when);
        snprintf(detail, sizeof detail, "%s -> %s%s%s by %s", idx_status_name(from),
                 idx_status_name(to), *when ? " at " : "", when, r->session.user);
        json_t *ev = pl_event_new("status", "success", "%s", detail);
        if (ev)
            json_object_set_new(ev, "user", json_string(r->session.user));
        rc = idx_status_put(db, code, &st, &err);
        if (rc == HS_OK)
            rc = pl_event_record(db, code, ev, &err); /* takes ev */
        else
            json_decref(ev);
        if (rc == HS_OK)
            rc = idx_status_pack(db, &err);
        if (rc == HS_OK)
            rc = idx_commit(db, &err);
    }
    if (rc)
        idx_rollback(db);
    pthread_mutex_unlock(&r->w->lock);
    if (rc)
        srv_error(out,
                  rc == HS_ENOTFOUND ? 404
                  : rc == HS_EINVAL  ? 400
                                     : 500,
                  "%s", err.msg);
    else
        srv_json(out, json_pack("{s:s, s:s, s:s}", "code", code, "status",
                                idx_status_name(st.status), "returned_at", when));
}

void srv_review(srv_req *r, srv_reply *out)
{
    const char *what = seg(r, 1);
    if (r->post && !strcmp(what, "session")) {
        srv_error(out, 405, N_("method 'POST' not allowed here"));
        return;
    }
    if (!r->post && (!strcmp(what, "login") || !strcmp(what, "logout") || r->nseg == 4) &&
        strcmp(what, "dossiers")) {
        srv_error(out, 405, N_("this resource takes POST"));
        return;
    }
    if (r->post && !strcmp(what, "login")) {
        login(r, out);
        return;
    }
    if (!strcmp(what, "session")) {
        if (!r->has_session)
            srv_error(out, 401, N_("not signed in"));
        else
            srv_json(out, session_json(r->session.user, r->session.role, r->session.csrf,
                                       r->session.expires));
        return;
    }
    /* reading a dossier's fields is a read like any other */
    if (!r->post && !strcmp(what, "dossiers")) {
        if (r->needs_token && !r->by_token && !r->has_session) {
            srv_error(out, 401, N_("a valid access token is required"));
            return;
        }
        if (!pl_code_valid(seg(r, 2))) {
            srv_error(out, 400, N_("'%s' is not a dossier code"), seg(r, 2));
            return;
        }
        fields_reply(r->db, seg(r, 2), out);
        return;
    }
    /* everything else is for signed-in people only, and writes need the CSRF token */
    if (!r->has_session) {
        if (r->by_token)
            srv_error(out, 403, N_("an access token only reads: sign in to write"));
        else
            srv_error(out, 401, N_("sign in first"));
        return;
    }
    if (r->post && !r->csrf_ok) {
        srv_error(out, 403, N_("missing or wrong X-CSRF-Token: reload the page and sign in again"));
        return;
    }
    if (r->post) {
        hs_err err;
        hs_err_clear(&err);
        pthread_mutex_lock(&r->w->lock);
        int ok = srv_writer_db(r->w, &err) != NULL;
        pthread_mutex_unlock(&r->w->lock);
        if (!ok) {
            srv_error(out, 503, N_("the index cannot be written: %s"), err.msg);
            return;
        }
    }
    if (r->post && !r->form) {
        srv_error(out, 400, N_("the body is neither a JSON object nor a form"));
        return;
    }
    if (!strcmp(what, "logout")) {
        logout(r, out);
        return;
    }
    if (!strcmp(what, "users")) {
        if (r->session.role < IDX_ROLE_ADMIN)
            srv_error(out, 403, N_("only an admin manages users ('%s' is a %s)"), r->session.user,
                      idx_role_name(r->session.role));
        else
            users(r, out);
        return;
    }
    const char *code = seg(r, 2);
    if (!pl_code_valid(code)) {
        srv_error(out, 400, N_("'%s' is not a dossier code"), code);
        return;
    }
    if (!strcmp(seg(r, 3), "status")) {
        if (r->session.role < IDX_ROLE_ARCHIVIST)
            srv_error(out, 403, N_("only an archivist or an admin marks dossiers ('%s' is a %s)"),
                      r->session.user, idx_role_name(r->session.role));
        else
            set_status(r, code, out);
        return;
    }
    if (r->session.role < IDX_ROLE_REVIEWER) {
        srv_error(out, 403, N_("'%s' may not correct fields"), r->session.user);
        return;
    }
    correct(r, code, out);
}
