/*
 * cmd_serve.c — `lamtheo serve`: opens (and migrates) the database, starts
 * the HTTP server and waits for SIGTERM or SIGINT, then stops accepting,
 * lets running requests finish and closes the database cleanly.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api/api.h"
#include "cmd/cmd.h"
#include "http/http.h"
#include "text/text.h"

static const char usage[] =
    "Usage: lamtheo serve --db PATH [--listen HOST:PORT] [options]\n\n"
    "Serves the web application and the JSON API (/api/v1) from the SQLite\n"
    "database PATH (created and migrated if needed) until SIGTERM or SIGINT.";

int
cmd_serve(int argc, char **argv)
{
	const char *db = NULL, *listen = "127.0.0.1:8080", *threads = NULL;
	const char *web = LAMTHEO_WEBDIR, *quiet = NULL, *chunk = NULL, *live = NULL;
	struct opt opts[] = {
		{ "db", "PATH", "SQLite database file (required)", &db },
		{ "listen", "HOST:PORT", "address to listen on (default 127.0.0.1:8080)", &listen },
		{ "threads", "N", "worker threads (default: 2 per CPU, at least 4)", &threads },
		{ "web", "DIR", "directory of the web UI (default: the built-in path)", &web },
		{ "quiet", NULL, "no access log", &quiet },
		{ "build-chunk", "ROWS", "figure rows a background build writes at a time "
		    "(default 4096)", &chunk },
		{ "live-units", "N", "a year not kept yet: figures computed live up to N units, "
		    "else \"being computed\" (default 2000)", &live },
		{ NULL, NULL, NULL, NULL },
	};
	struct http_config cfg = { 0 };
	struct api_options aopt = { 0 };
	struct http_server *srv;
	struct api *api;
	char host[64], err[512];
	const char *colon;
	sigset_t set;
	int sig, port;
	uint64_t groups, writes;

	if (cmd_parse(argc, argv, 2, usage, opts) != argc)
		return cmd_fail("serve", "unexpected argument (see --help)");
	if (db == NULL)
		return cmd_fail("serve", "--db PATH is required");
	colon = strrchr(listen, ':');
	port = colon ? atoi(colon + 1) : -1;
	if (colon == NULL || (size_t)(colon - listen) >= sizeof(host) || port < 0 ||
	    port > 65535)
		return cmd_fail("serve", "--listen %s: expected HOST:PORT", listen);
	snprintf(host, sizeof(host), "%.*s", (int)(colon - listen), listen);

	/* Every thread inherits this mask; only main() receives the signals. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	aopt.build_chunk_rows = chunk ? atoi(chunk) : 0;
	aopt.live_units = live ? atoi(live) : -1;
	if (aopt.build_chunk_rows < 0 || (live != NULL && aopt.live_units < 0))
		return cmd_fail("serve", "--build-chunk and --live-units: a number from 0");
	if ((api = api_new(db, &aopt, err, sizeof(err))) == NULL)
		return cmd_fail("serve", "%s", err);
	cfg.host = host;
	cfg.port = port;
	cfg.threads = threads ? atoi(threads) : 0;
	if (cfg.threads <= 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);

		cfg.threads = n * 2 < 4 ? 4 : (int)n * 2;
	}
	cfg.webdir = web;
	cfg.api = api_handle;
	cfg.admit = api_admit;
	cfg.api_arg = api;
	cfg.quiet = quiet != NULL;
	if ((srv = http_start(&cfg, err, sizeof(err))) == NULL) {
		api_free(api);
		return cmd_fail("serve", "%s", err);
	}
	fprintf(stderr, "lamtheo: serving %s on http://%s:%d/ (%d threads, web %s)\n",
	    db, host, http_port(srv), cfg.threads, web);
	sigwait(&set, &sig);
	fprintf(stderr, "lamtheo: %s received, stopping\n", sig == SIGTERM ? "SIGTERM" : "SIGINT");
	api_quiesce(api);	/* no connection left suspended */
	api_writer_stats(api_writer_of(api), &groups, &writes);
	fprintf(stderr, "lamtheo: %llu writes in %llu groups\n", (unsigned long long)writes,
	    (unsigned long long)groups);
	http_stop(srv);
	api_free(api);
	text_collate_cleanup();
	fprintf(stderr, "lamtheo: stopped\n");
	return 0;
}
