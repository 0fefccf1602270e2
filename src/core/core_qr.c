/*
 * core_qr.c — a QR code as an SVG document, made here with libqrencode so
 * that no secret (the TOTP enrolment URI) goes to an outside service.  The
 * SVG holds only numbers (module positions): no input text is written
 * into it, so it needs no escaping.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <qrencode.h>

#include "core/core.h"

#define QUIET 4		/* modules of white around the code (ISO/IEC 18004) */

/* Appends to the growing buffer *b (length *n, capacity *cap).  0 or -1. */
static int
put(char **b, size_t *n, size_t *cap, const char *fmt, int x, int y, int w)
{
	int k;

	for (;;) {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
		k = snprintf(*b + *n, *cap - *n, fmt, x, y, w);
#pragma GCC diagnostic pop
		if (k < 0)
			return -1;
		if ((size_t)k < *cap - *n)
			break;
		char *nb = realloc(*b, *cap * 2);

		if (nb == NULL)
			return -1;
		*b = nb;
		*cap *= 2;
	}
	*n += (size_t)k;
	return 0;
}

char *
qr_svg(const char *text)
{
	QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	size_t n = 0, cap = 4096;
	char *b = NULL;
	int w, size;

	if (qr == NULL)
		return NULL;
	w = qr->width;
	size = w + 2 * QUIET;
	if ((b = malloc(cap)) == NULL)
		goto fail;
	if (put(&b, &n, &cap, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
	    "width=\"%d\" shape-rendering=\"crispEdges\"><rect width=\"100%%\" "
	    "height=\"100%%\" fill=\"#fff\"/><path fill=\"#000\" d=\"", size, size, size * 6) != 0)
		goto fail;
	/* One rectangle per run of dark modules on a row. */
	for (int y = 0; y < w; y++) {
		for (int x = 0; x < w; ) {
			int run = 0;

			while (x + run < w && (qr->data[y * w + x + run] & 1))
				run++;
			if (run == 0) {
				x++;
				continue;
			}
			if (put(&b, &n, &cap, "M%d %dh%dv1H", x + QUIET, y + QUIET, run) != 0 ||
			    put(&b, &n, &cap, "%dz", x + QUIET, 0, 0) != 0)
				goto fail;
			x += run;
		}
	}
	if (put(&b, &n, &cap, "\"/></svg>", 0, 0, 0) != 0)
		goto fail;
	QRcode_free(qr);
	return b;
fail:
	QRcode_free(qr);
	free(b);
	return NULL;
}
