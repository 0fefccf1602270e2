/*
 * fuzz_db.h — the small database the harnesses that need one work on
 * (fuzz_route.c, fuzz_import.c), made at start in a new directory of /tmp
 * (removed at exit):
 * a branch of the tree from the national root to a cell, three people, a
 * cell meeting, and an administrator of the whole tree, loaded through
 * `lamtheo import`'s own code.  Header only, so each harness still builds
 * from its one line.
 */
#ifndef LAMTHEO_FUZZ_DB_H
#define LAMTHEO_FUZZ_DB_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "io/io.h"
#include "store/store.h"

#define FUZZ_DB_USER		"quantri"
#define FUZZ_DB_PASSWORD	"Mật khẩu thử nghiệm 2025"
#define FUZZ_DB_TODAY		"2025-07-01"

#define FUZZ_DB_CHECK(c)	do { if (!(c)) { fprintf(stderr, "%s:%d: %s\n", \
				    __FILE__, __LINE__, #c); abort(); } } while (0)

/* Imports csv as records of type t, as the command line does. */
static inline void
fuzz_db_load(struct store *st, enum io_type t, const char *csv)
{
	struct io_import_opts o = { .type = t, .today = FUZZ_DB_TODAY };
	struct io_counts n;
	int fd = memfd_create("fuzz_db", 0);

	FUZZ_DB_CHECK(fd >= 0 && write(fd, csv, strlen(csv)) == (ssize_t)strlen(csv));
	FUZZ_DB_CHECK(io_import_fd(st, fd, &o, &n) == 0 && n.created > 0);
	close(fd);
}

static char fuzz_db_dir[] = "/tmp/fuzz_db.XXXXXX", fuzz_db_path[64];

/* At exit: the database and its directory go (files still open are
 * unlinked all the same). */
static inline void
fuzz_db_remove(void)
{
	static const char *const suffix[] = { "", "-wal", "-shm" };
	char f[80];

	for (int i = 0; i < 3; i++) {
		snprintf(f, sizeof(f), "%s%s", fuzz_db_path, suffix[i]);
		unlink(f);
	}
	rmdir(fuzz_db_dir);
}

/* Makes the database, removed at exit; its path (static storage). */
static inline const char *
fuzz_db_make(void)
{
	struct record *acc = record_new(&rtypes[RT_ACCOUNT]), *root = NULL;
	char err[256], hash[128];
	struct store *st;

	FUZZ_DB_CHECK(mkdtemp(fuzz_db_dir) != NULL && auth_init() == 0);
	snprintf(fuzz_db_path, sizeof(fuzz_db_path), "%s/fuzz.db", fuzz_db_dir);
	atexit(fuzz_db_remove);
	FUZZ_DB_CHECK((st = store_open(fuzz_db_path, err, sizeof(err))) != NULL);
	FUZZ_DB_CHECK(store_migrate(st, NULL) == ST_OK);
	fuzz_db_load(st, IO_ORGS, "code,kind,name,parent_code\n"
	    "VN,national,Ban Chấp hành Trung ương Đảng,\n"
	    "TB,province_committee,Đảng bộ tỉnh Thái Bình,VN\n"
	    "TB.TT,district_committee,Đảng bộ huyện Thái Thụy,TB\n"
	    "TB.TT.THT,base_committee,Đảng bộ xã Thụy Hải,TB.TT\n"
	    "TB.TT.THT.C01,cell,Chi bộ thôn Đông Hồ,TB.TT.THT\n");
	fuzz_db_load(st, IO_PEOPLE, "code,full_name,gender,birth_year,party_member,org_code,position\n"
	    "DV000001,Nguyễn Hoàng Việt,male,1981,1,TB.TT.THT.C01,Bí thư chi bộ\n"
	    "DV000002,Trần Thị Lan,female,1990,1,TB.TT.THT.C01,\n"
	    "DV000003,Lê Văn Bình,male,1975,1,TB.TT.THT,Phó bí thư\n");
	fuzz_db_load(st, IO_ACTIVITIES, "org_code,kind,date,title\n"
	    "TB.TT.THT.C01,cell_meeting,2025-03-05,Sinh hoạt chi bộ tháng 3\n");
	FUZZ_DB_CHECK(store_org_by_code(st, "VN", &root) == ST_OK);
	FUZZ_DB_CHECK(auth_password_hash(FUZZ_DB_PASSWORD, hash) == 0);
	record_set_text(acc, ACCOUNT_USERNAME, FUZZ_DB_USER);
	record_set_text(acc, ACCOUNT_ROLE, "admin");
	record_set_text(acc, ACCOUNT_DISPLAY_NAME, "Quản trị thử");
	record_set_int(acc, ACCOUNT_ORG, root->id);
	record_set_text(acc, ACCOUNT_PW_HASH, hash);
	record_set_int(acc, ACCOUNT_DISABLED, 0);
	FUZZ_DB_CHECK(store_begin(st, true) == ST_OK && store_insert(st, acc) == ST_OK &&
	    store_commit(st) == ST_OK);
	record_free(acc);
	record_free(root);
	store_close(st);
	return fuzz_db_path;
}

#endif
