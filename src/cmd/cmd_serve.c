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

#ifndef LAMTHEO_CONFIG
#define LAMTHEO_CONFIG "/etc/lamtheo/lamtheo.conf"
#endif

static const char usage[] =
    "Usage: lamtheo serve --db PATH [--listen HOST:PORT] [options]\n\n"
    "Serves the web application and the JSON API (/api/v1) from the SQLite\n"
    "database PATH (created and migrated if needed) until SIGTERM or SIGINT.\n\n"
    "Every option may also be set in the configuration file (--config, by\n"
    "default " LAMTHEO_CONFIG " when it exists) as a line 'name = value'\n"
    "(a flag: 'name = yes'); the command line wins over the file.";

/* The options, by index (cmd_fail_opt names one). */
enum {
	O_CONFIG, O_DB, O_LISTEN, O_THREADS, O_WEB, O_QUIET, O_CHUNK, O_LIVE,
	O_PROXY, O_SECURE, O__MAX
};

/* Option k as a number from 0 to max into *out (unchanged when the option
 * is absent); 0, or -1 after printing the error. */
static int
opt_number(const struct cmd_conf *conf, const struct opt *opts, int k, long max, int *out)
{
	const char *v = *opts[k].value;
	char *end;
	long n;

	if (v == NULL)
		return 0;
	n = strtol(v, &end, 10);
	if (end == v || *end != '\0' || n < 0 || n > max) {
		cmd_fail_opt("serve", conf, opts, k, "expected a number from 0 to %ld", max);
		return -1;
	}
	*out = (int)n;
	return 0;
}

int
cmd_serve(int argc, char **argv)
{
	const char *config = NULL, *db = NULL, *listen = "127.0.0.1:8080", *threads = NULL;
	const char *web = LAMTHEO_WEBDIR, *quiet = NULL, *chunk = NULL, *live = NULL;
	const char *proxies = NULL, *secure = NULL;
	struct opt opts[] = {
		[O_CONFIG] = { "config", "FILE", "configuration file (default "
		    LAMTHEO_CONFIG ", if it exists)", &config },
		[O_DB] = { "db", "PATH", "SQLite database file (required)", &db },
		[O_LISTEN] = { "listen", "HOST:PORT", "address to listen on "
		    "(default 127.0.0.1:8080)", &listen },
		[O_THREADS] = { "threads", "N", "worker threads (default: 2 per CPU, at least 4)",
		    &threads },
		[O_WEB] = { "web", "DIR", "directory of the web UI (default: the built-in path)",
		    &web },
		[O_QUIET] = { "quiet", NULL, "no access log", &quiet },
		[O_CHUNK] = { "build-chunk", "ROWS", "figure rows a background build writes "
		    "at a time (default 4096)", &chunk },
		[O_LIVE] = { "live-units", "N", "a year not kept yet: figures computed live up "
		    "to N units, else \"being computed\" (default 2000)", &live },
		[O_PROXY] = { "trusted-proxy", "ADDR[,ADDR]", "reverse proxies (ADDR or "
		    "ADDR/BITS) whose X-Forwarded-For/-Proto are believed (default: none)", &proxies },
		[O_SECURE] = { "secure-cookies", NULL, "served over HTTPS only: Secure "
		    "cookie and HSTS always (else when a trusted proxy says https)", &secure },
		[O__MAX] = { NULL, NULL, NULL, NULL },
	};
	struct http_config cfg = { 0 };
	struct api_options aopt = { 0 };
	struct http_server *srv;
	struct http_proxies *trusted = NULL;
	struct cmd_conf *conf;
	struct api *api;
	char host[64], err[512];
	const char *colon;
	sigset_t set;
	int sig, port, n, rc = 1;
	uint64_t groups, writes;

	if ((n = cmd_parse_conf("serve", argc, argv, 2, usage, opts, "config",
	    LAMTHEO_CONFIG, &conf)) < 0)
		return 1;
	if (n != argc) {
		cmd_fail("serve", "unexpected argument (see --help)");
		goto out;
	}
	if (db == NULL) {
		cmd_fail("serve", "--db PATH is required");
		goto out;
	}
	colon = strrchr(listen, ':');
	port = colon ? atoi(colon + 1) : -1;
	if (colon == NULL || (size_t)(colon - listen) >= sizeof(host) || port < 0 ||
	    port > 65535) {
		cmd_fail_opt("serve", conf, opts, O_LISTEN, "expected HOST:PORT");
		goto out;
	}
	snprintf(host, sizeof(host), "%.*s", (int)(colon - listen), listen);
	aopt.live_units = -1;
	if (opt_number(conf, opts, O_THREADS, 1024, &cfg.threads) != 0 ||
	    opt_number(conf, opts, O_CHUNK, 1 << 24, &aopt.build_chunk_rows) != 0 ||
	    opt_number(conf, opts, O_LIVE, 1 << 24, &aopt.live_units) != 0)
		goto out;
	if ((trusted = http_proxies_parse(proxies, err, sizeof(err))) == NULL) {
		cmd_fail_opt("serve", conf, opts, O_PROXY, "%s", err);
		goto out;
	}

	/* Every thread inherits this mask; only main() receives the signals. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	if ((api = api_new(db, &aopt, err, sizeof(err))) == NULL) {
		cmd_fail("serve", "%s", err);
		goto out;
	}
	cfg.host = host;
	cfg.port = port;
	if (cfg.threads <= 0) {
		long ncpu = sysconf(_SC_NPROCESSORS_ONLN);

		cfg.threads = ncpu * 2 < 4 ? 4 : (int)ncpu * 2;
	}
	cfg.webdir = web;
	cfg.api = api_handle;
	cfg.admit = api_admit;
	cfg.api_arg = api;
	cfg.quiet = quiet != NULL;
	cfg.proxies = trusted;
	cfg.https = secure != NULL;
	if ((srv = http_start(&cfg, err, sizeof(err))) == NULL) {
		api_free(api);
		cmd_fail("serve", "%s", err);
		goto out;
	}
	/* Logs go to stderr: the journal, under systemd (packaging/). */
	fprintf(stderr, "lamtheo: serving %s on http://%s:%d/ (%d threads, web %s%s%s)\n",
	    db, host, http_port(srv), cfg.threads, web, proxies ? ", trusted proxies " : "",
	    proxies ? proxies : "");
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
	rc = 0;
out:
	http_proxies_free(trusted);
	cmd_conf_free(conf);
	return rc;
}
