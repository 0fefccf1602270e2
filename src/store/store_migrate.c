/*
 * store_migrate.c — the versioned schema.  Migrations are applied in order,
 * all pending ones in a single transaction, and recorded in
 * schema_migrations; a database newer than this program is refused.
 * Never edit a released migration: add the next one.
 */
#include <stdio.h>

#include "store/store_db.h"
#include "store/store_search.h"
#include "store/store_figures.h"

/* The trailer of every campaign record (core_campaign.c TRAILER). */
#define TRAILER_COLUMNS \
	"  search_fold TEXT NOT NULL DEFAULT ''," \
	"  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL," \
	"  created_by INTEGER, updated_by INTEGER, deleted_at INTEGER"

struct migration {
	int version;
	const char *sql;
};

/* Migration 6: the triggers noting which units' figures a write touches. */
#define FIG_TRIGGERS(tbl, new_sel, old_sel) \
	"CREATE TRIGGER figure_" tbl "_i AFTER INSERT ON " tbl " BEGIN " new_sel " END;" \
	"CREATE TRIGGER figure_" tbl "_u AFTER UPDATE ON " tbl " BEGIN " new_sel old_sel " END;" \
	"CREATE TRIGGER figure_" tbl "_d AFTER DELETE ON " tbl " BEGIN " old_sel " END;"
#define DIRTY(sel) "INSERT OR IGNORE INTO figure_dirty (org_id) " sel ";"
#define OWN(r) DIRTY("SELECT " r ".org_id WHERE " r ".org_id IS NOT NULL")
#define PERSON_ORG(r) DIRTY("SELECT org_id FROM person WHERE id = " r ".person_id")
#define VIA(r, tbl, col) DIRTY("SELECT org_id FROM " tbl " WHERE id = " r "." col)
/* Migration 12: the units of the pledges of the same person and year. */
#define SAME_PERSON(r) DIRTYM("SELECT org_id, 2, " ALL_YEARS " FROM pledge WHERE person_id = " r \
	".person_id AND year = " r ".year")

/* Migration 11: the same triggers noting, beside each unit, the tables
 * written to (figure_dirty.mask; the bits are FIG_* of store_figures.h), so
 * that a commit recomputes only the figures that read them. */
#define FIGM_TRIGGERS(tbl, new_sel, old_sel) \
	"DROP TRIGGER figure_" tbl "_i; DROP TRIGGER figure_" tbl "_u; " \
	"DROP TRIGGER figure_" tbl "_d;" FIG_TRIGGERS(tbl, new_sel, old_sel)
#define DIRTYM(sel) "INSERT INTO figure_dirty (org_id, mask, years) " sel \
	" ON CONFLICT (org_id) DO UPDATE SET mask = mask | excluded.mask, " \
	"years = years | excluded.years;"
/* figure_dirty.years: bit year % 62 of each year a record written is for
 * (FIG_YEAR_BIT), or FIG_ALL_YEARS: a person, a unit, a pledge (counted
 * by its due date too) can change any year's figures. */
#define ALL_YEARS "4611686018427387904"
#define YEAR_OF(r) "(1 << (" r ".year % 62))"
#define OWNM(r, bit) DIRTYM("SELECT " r ".org_id, " bit ", " ALL_YEARS " WHERE " r \
	".org_id IS NOT NULL")
#define OWNY(r, bit) DIRTYM("SELECT " r ".org_id, " bit ", " YEAR_OF(r) " WHERE " r \
	".org_id IS NOT NULL")
#define PERSON_ORGM(r, bit) DIRTYM("SELECT org_id, " bit ", " ALL_YEARS " FROM person " \
	"WHERE id = " r ".person_id")
#define VIAM(r, tbl, col, bit) DIRTYM("SELECT org_id, " bit ", " YEAR_OF(tbl) " FROM " tbl \
	" WHERE id = " r "." col)

static const struct migration migrations[] = {
	{ 1,
	/* The organisation tree.  `path` is the materialised path of ids
	 * ("/1/5/23/") of the current placement; org_period keeps every
	 * placement and name the unit has had, for "the tree as of date D". */
	"CREATE TABLE org ("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  kind TEXT NOT NULL,"
	"  name TEXT NOT NULL,"
	"  parent_id INTEGER REFERENCES org(id),"
	"  valid_from TEXT NOT NULL,"
	"  valid_to TEXT,"
	"  successor_id INTEGER REFERENCES org(id),"
	"  path TEXT NOT NULL,"
	"  depth INTEGER NOT NULL,"
	"  name_fold TEXT NOT NULL,"
	"  note TEXT,"
	"  created_at INTEGER NOT NULL,"
	"  updated_at INTEGER NOT NULL"
	") STRICT;"
	"CREATE INDEX org_parent ON org(parent_id);"
	"CREATE INDEX org_path ON org(path);"
	"CREATE INDEX org_successor ON org(successor_id);"
	"CREATE TABLE org_period ("
	"  id INTEGER PRIMARY KEY,"
	"  org_id INTEGER NOT NULL REFERENCES org(id),"
	"  parent_id INTEGER REFERENCES org(id),"
	"  path TEXT NOT NULL,"
	"  name TEXT NOT NULL,"
	"  valid_from TEXT NOT NULL,"
	"  valid_to TEXT"
	") STRICT;"
	"CREATE INDEX org_period_org ON org_period(org_id, valid_from);"
	"CREATE INDEX org_period_parent ON org_period(parent_id, valid_from);"
	"CREATE INDEX org_period_path ON org_period(path);"
	/* People.  name_fold is the accent-free search key, sort_key the ICU
	 * Vietnamese collation key of the name, given name first. */
	"CREATE TABLE person ("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT UNIQUE,"
	"  full_name TEXT NOT NULL,"
	"  name_fold TEXT NOT NULL,"
	"  sort_key BLOB NOT NULL,"
	"  gender TEXT,"
	"  birth_year INTEGER,"
	"  party_joined TEXT,"
	"  party_member INTEGER NOT NULL DEFAULT 0,"
	"  key_cadre INTEGER NOT NULL DEFAULT 0,"
	"  head INTEGER NOT NULL DEFAULT 0,"
	"  civil_servant INTEGER NOT NULL DEFAULT 0,"
	"  union_member INTEGER NOT NULL DEFAULT 0,"
	"  org_id INTEGER NOT NULL REFERENCES org(id),"
	"  status TEXT NOT NULL DEFAULT 'active',"
	"  position TEXT,"
	"  note TEXT,"
	"  created_at INTEGER NOT NULL,"
	"  updated_at INTEGER NOT NULL"
	") STRICT;"
	"CREATE INDEX person_org ON person(org_id, sort_key);"
	"CREATE INDEX person_sort ON person(sort_key);"
	"CREATE TABLE person_transfer ("
	"  id INTEGER PRIMARY KEY,"
	"  person_id INTEGER NOT NULL REFERENCES person(id),"
	"  from_org_id INTEGER NOT NULL REFERENCES org(id),"
	"  to_org_id INTEGER NOT NULL REFERENCES org(id),"
	"  date TEXT NOT NULL,"
	"  note TEXT,"
	"  account_id INTEGER,"
	"  created_at INTEGER NOT NULL"
	") STRICT;"
	"CREATE INDEX person_transfer_person ON person_transfer(person_id, date);"
	/* Accounts, sessions (stored as token digests) and failed log-ins. */
	"CREATE TABLE account ("
	"  id INTEGER PRIMARY KEY,"
	"  username TEXT NOT NULL UNIQUE,"
	"  display_name TEXT,"
	"  role TEXT NOT NULL,"
	"  org_id INTEGER NOT NULL REFERENCES org(id),"
	"  person_id INTEGER REFERENCES person(id),"
	"  disabled INTEGER NOT NULL DEFAULT 0,"
	"  password_hash TEXT NOT NULL,"
	"  created_at INTEGER NOT NULL,"
	"  updated_at INTEGER NOT NULL"
	") STRICT;"
	"CREATE TABLE session ("
	"  token_hash TEXT PRIMARY KEY,"
	"  account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,"
	"  csrf TEXT NOT NULL,"
	"  created_at INTEGER NOT NULL,"
	"  expires_at INTEGER NOT NULL,"
	"  last_seen INTEGER NOT NULL,"
	"  ip TEXT"
	") STRICT;"
	"CREATE INDEX session_account ON session(account_id);"
	"CREATE TABLE login_failure ("
	"  id INTEGER PRIMARY KEY,"
	"  kind TEXT NOT NULL,"
	"  key TEXT NOT NULL,"
	"  at INTEGER NOT NULL"
	") STRICT;"
	"CREATE INDEX login_failure_key ON login_failure(kind, key, at);"
	},
	{ 2,
	/* Campaign records: topics, activities and attendance, pledges and
	 * their check-ins.  Each ends with the same trailer: search key,
	 * stamps, authors and the soft-delete mark. */
	"CREATE TABLE topic ("
	"  id INTEGER PRIMARY KEY,"
	"  title TEXT NOT NULL, kind TEXT NOT NULL,"
	"  year_from INTEGER NOT NULL, year_to INTEGER,"
	"  org_id INTEGER NOT NULL REFERENCES org(id),"
	"  documents TEXT, note TEXT,"
	TRAILER_COLUMNS
	") STRICT;"
	"CREATE INDEX topic_org ON topic(org_id, year_from);"
	"CREATE TABLE activity ("
	"  id INTEGER PRIMARY KEY,"
	"  org_id INTEGER NOT NULL REFERENCES org(id),"
	"  kind TEXT NOT NULL, date TEXT NOT NULL, year INTEGER NOT NULL,"
	"  title TEXT NOT NULL,"
	"  topic_id INTEGER REFERENCES topic(id),"
	"  topic_on_agenda INTEGER NOT NULL DEFAULT 0,"
	"  outside_count INTEGER NOT NULL DEFAULT 0,"
	"  location TEXT, content TEXT, note TEXT,"
	TRAILER_COLUMNS
	") STRICT;"
	"CREATE INDEX activity_org ON activity(org_id, year, kind);"
	"CREATE INDEX activity_date ON activity(date);"
	"CREATE TABLE attendance ("
	"  id INTEGER PRIMARY KEY,"
	"  activity_id INTEGER NOT NULL REFERENCES activity(id),"
	"  person_id INTEGER NOT NULL REFERENCES person(id),"
	"  note TEXT,"
	TRAILER_COLUMNS
	") STRICT;"
	"CREATE UNIQUE INDEX attendance_once ON attendance(person_id, activity_id);"
	"CREATE INDEX attendance_person ON attendance(person_id);"
	"CREATE TABLE pledge ("
	"  id INTEGER PRIMARY KEY,"
	"  year INTEGER NOT NULL,"
	"  org_id INTEGER NOT NULL REFERENCES org(id),"
	"  person_id INTEGER REFERENCES person(id),"
	"  topic_id INTEGER REFERENCES topic(id),"
	"  follow TEXT NOT NULL, solutions TEXT NOT NULL,"
	"  target_text TEXT, target_value INTEGER, target_unit TEXT,"
	"  due_date TEXT NOT NULL,"
	"  status TEXT NOT NULL DEFAULT 'draft',"
	"  submitted_on TEXT, accepted_on TEXT, return_reason TEXT,"
	"  self_review TEXT, reviewed_on TEXT,"
	"  verdict TEXT, verdict_note TEXT, verdict_on TEXT,"
	"  progress INTEGER, last_checkin TEXT,"
	TRAILER_COLUMNS
	") STRICT;"
	"CREATE INDEX pledge_org ON pledge(org_id, year, status);"
	"CREATE INDEX pledge_person ON pledge(person_id, year);"
	"CREATE TABLE pledge_checkin ("
	"  id INTEGER PRIMARY KEY,"
	"  pledge_id INTEGER NOT NULL REFERENCES pledge(id),"
	"  date TEXT NOT NULL, progress INTEGER NOT NULL, note TEXT NOT NULL,"
	TRAILER_COLUMNS
	") STRICT;"
	"CREATE INDEX pledge_checkin_pledge ON pledge_checkin(pledge_id, date);"
	/* The audit trail: every change, who, when, before and after (JSON),
	 * written in the transaction of the change. */
	"CREATE TABLE audit ("
	"  id INTEGER PRIMARY KEY,"
	"  rtype TEXT NOT NULL, record_id INTEGER NOT NULL, action TEXT NOT NULL,"
	"  parent_rtype TEXT, parent_id INTEGER,"
	"  account_id INTEGER, at INTEGER NOT NULL,"
	"  before TEXT, after TEXT"
	") STRICT;"
	"CREATE INDEX audit_record ON audit(rtype, record_id, id);"
	"CREATE INDEX audit_parent ON audit(parent_rtype, parent_id, id);"
	},
	{ 3,
	/* The configurable lists and the rest of the campaign's records:
	 * plans and tasks, concerns and petitions with their state updates,
	 * exemplars with criteria scores and replications, inspections and
	 * their follow-up actions, evaluations, awards, surveys, metrics. */
	"CREATE TABLE catalog_item ("
	"  id INTEGER PRIMARY KEY,"
	"  list TEXT NOT NULL, code TEXT NOT NULL,"
	"  label_vi TEXT NOT NULL, label_en TEXT NOT NULL,"
	"  kind TEXT, weight INTEGER, unit TEXT,"
	"  sort_order INTEGER NOT NULL DEFAULT 0, active INTEGER NOT NULL DEFAULT 1,"
	TRAILER_COLUMNS
	") STRICT;"
	"CREATE UNIQUE INDEX catalog_code ON catalog_item(code, list);"
	"INSERT INTO catalog_item (list, code, label_vi, label_en, kind, weight, unit, "
	"  sort_order, active, search_fold, created_at, updated_at) VALUES "
	"('concern_field', 'land', 'Quản lý đất đai', 'Land management', NULL, NULL, NULL, 10, 1, 'quan ly dat dai land management', 0, 0),"
	"('concern_field', 'site_clearance', 'Giải phóng mặt bằng', 'Site clearance', NULL, NULL, NULL, 20, 1, 'giai phong mat bang site clearance', 0, 0),"
	"('concern_field', 'construction', 'Trật tự xây dựng', 'Construction order', NULL, NULL, NULL, 30, 1, 'trat tu xay dung construction order', 0, 0),"
	"('concern_field', 'environment', 'Bảo vệ môi trường', 'Environment', NULL, NULL, NULL, 40, 1, 'bao ve moi truong environment', 0, 0),"
	"('concern_field', 'admin_procedures', 'Thủ tục hành chính', 'Administrative procedures', NULL, NULL, NULL, 50, 1, 'thu tuc hanh chinh administrative procedures', 0, 0),"
	"('concern_field', 'ethics', 'Tư tưởng chính trị, đạo đức, lối sống', 'Political thought, ethics, lifestyle', NULL, NULL, NULL, 60, 1, 'tu tuong chinh tri dao duc loi song political thought ethics lifestyle', 0, 0),"
	"('concern_field', 'other', 'Lĩnh vực khác', 'Other', NULL, NULL, NULL, 90, 1, 'linh vuc khac other', 0, 0),"
	"('concern_state', 'new', 'Mới lựa chọn', 'Selected', 'open', NULL, NULL, 10, 1, 'moi lua chon selected', 0, 0),"
	"('concern_state', 'in_progress', 'Đang giải quyết', 'In progress', 'open', NULL, NULL, 20, 1, 'dang giai quyet in progress', 0, 0),"
	"('concern_state', 'resolved', 'Đã giải quyết dứt điểm', 'Resolved', 'resolved', NULL, NULL, 30, 1, 'da giai quyet dut diem resolved', 0, 0),"
	"('concern_state', 'closed_unresolved', 'Dừng theo dõi, chưa giải quyết được', 'Closed unresolved', 'closed', NULL, NULL, 40, 1, 'dung theo doi chua giai quyet duoc closed unresolved', 0, 0),"
	"('petition_state', 'received', 'Đã tiếp nhận', 'Received', 'open', NULL, NULL, 10, 1, 'da tiep nhan received', 0, 0),"
	"('petition_state', 'in_progress', 'Đang xử lý', 'In progress', 'open', NULL, NULL, 20, 1, 'dang xu ly in progress', 0, 0),"
	"('petition_state', 'transferred', 'Đã chuyển cơ quan có thẩm quyền', 'Transferred', 'closed', NULL, NULL, 30, 1, 'da chuyen co quan co tham quyen transferred', 0, 0),"
	"('petition_state', 'resolved', 'Đã giải quyết', 'Resolved', 'resolved', NULL, NULL, 40, 1, 'da giai quyet resolved', 0, 0),"
	"('petition_state', 'dismissed', 'Không đủ điều kiện xử lý', 'Not admissible', 'closed', NULL, NULL, 50, 1, 'khong du dieu kien xu ly not admissible', 0, 0),"
	"('exemplar_criterion', 'effect', 'Hiệu quả thiết thực', 'Practical effect', NULL, 30, NULL, 10, 1, 'hieu qua thiet thuc practical effect', 0, 0),"
	"('exemplar_criterion', 'creativity', 'Tính sáng tạo, đổi mới', 'Creativity', NULL, 20, NULL, 20, 1, 'tinh sang tao doi moi creativity', 0, 0),"
	"('exemplar_criterion', 'spread', 'Khả năng lan tỏa, nhân rộng', 'Spread', NULL, 30, NULL, 30, 1, 'kha nang lan toa nhan rong spread', 0, 0),"
	"('exemplar_criterion', 'example', 'Tính nêu gương', 'Setting an example', NULL, 20, NULL, 40, 1, 'tinh neu guong setting an example', 0, 0),"
	"('metric', 'initiatives', 'Sáng kiến', 'Initiatives', 'count', NULL, 'lượt', 10, 1, 'sang kien initiatives', 0, 0),"
	"('metric', 'savings', 'Tiết kiệm', 'Savings', 'money', NULL, 'đồng', 20, 1, 'tiet kiem savings', 0, 0),"
	"('metric', 'working_sessions', 'Buổi làm việc tại cơ sở', 'Working sessions at the base', 'count', NULL, 'buổi', 30, 1, 'buoi lam viec tai co so working sessions at the base', 0, 0),"
	"('metric', 'new_members', 'Kết nạp đảng viên mới', 'New party members', 'count', NULL, 'đảng viên', 40, 1, 'ket nap dang vien moi new party members', 0, 0),"
	"('metric', 'contributions', 'Vận động đóng góp', 'Contributions raised', 'money', NULL, 'đồng', 50, 1, 'van dong dong gop contributions raised', 0, 0),"
	"('metric', 'cultural_families', 'Hộ gia đình văn hóa', 'Cultural families', 'count', NULL, 'hộ', 60, 1, 'ho gia dinh van hoa cultural families', 0, 0),"
	"('setting', 'excellent_share', 'Tỷ lệ tối đa xếp loại xuất sắc so với số hoàn thành tốt (%)', "
	"  'Most excellent ratings as a share of good ones (%)', NULL, 20, '%', 10, 1, "
	"  'ty le toi da xep loai xuat sac so voi so hoan thanh tot most excellent ratings as a share of good ones', 0, 0),"
	"('eval_level', 'excellent', 'Hoàn thành xuất sắc nhiệm vụ', 'Excellently fulfilled duties', 'party', 90, NULL, 10, 1, 'hoan thanh xuat sac nhiem vu excellently fulfilled duties', 0, 0),"
	"('eval_level', 'good', 'Hoàn thành tốt nhiệm vụ', 'Well fulfilled duties', 'party', 70, NULL, 20, 1, 'hoan thanh tot nhiem vu well fulfilled duties', 0, 0),"
	"('eval_level', 'done', 'Hoàn thành nhiệm vụ', 'Fulfilled duties', 'party', 50, NULL, 30, 1, 'hoan thanh nhiem vu fulfilled duties', 0, 0),"
	"('eval_level', 'not_done', 'Không hoàn thành nhiệm vụ', 'Did not fulfil duties', 'party', 0, NULL, 40, 1, 'khong hoan thanh nhiem vu did not fulfil duties', 0, 0),"
	"('eval_level', 'strong', 'Vững mạnh', 'Strong', 'mass', NULL, NULL, 50, 1, 'vung manh strong', 0, 0),"
	"('eval_level', 'fair', 'Khá', 'Fair', 'mass', NULL, NULL, 60, 1, 'kha fair', 0, 0),"
	"('eval_level', 'average', 'Trung bình', 'Average', 'mass', NULL, NULL, 70, 1, 'trung binh average', 0, 0),"
	"('eval_level', 'weak', 'Yếu', 'Weak', 'mass', NULL, NULL, 80, 1, 'yeu weak', 0, 0);"
	"CREATE TABLE plan ("
	"  id INTEGER PRIMARY KEY,"
	"  org_id INTEGER NOT NULL REFERENCES org(id), year INTEGER NOT NULL,"
	"  topic_id INTEGER REFERENCES topic(id), number TEXT, title TEXT NOT NULL,"
	"  issued_on TEXT, content TEXT, note TEXT,"
	"  tasks_done INTEGER NOT NULL DEFAULT 0,"
	TRAILER_COLUMNS
	") STRICT;"
	"CREATE INDEX plan_org ON plan(org_id, year);"
	"CREATE TABLE plan_task ("
	"  id INTEGER PRIMARY KEY,"
	"  plan_id INTEGER NOT NULL REFERENCES plan(id),"
	"  group_no INTEGER NOT NULL, title TEXT NOT NULL,"
	"  owner_org_id INTEGER REFERENCES org(id), due_date TEXT,"
	"  status TEXT NOT NULL DEFAULT 'pending', done_on TEXT, note TEXT,"
	TRAILER_COLUMNS
	") STRICT;"
	"CREATE INDEX plan_task_plan ON plan_task(plan_id, group_no);"
	"CREATE TABLE concern ("
	"  id INTEGER PRIMARY KEY,"
	"  org_id INTEGER NOT NULL REFERENCES org(id),"
	"  title TEXT NOT NULL, field TEXT NOT NULL, source TEXT NOT NULL,"
	"  opened TEXT NOT NULL, year INTEGER NOT NULL, due TEXT, description TEXT,"
	"  state TEXT NOT NULL DEFAULT 'new', state_kind TEXT NOT NULL DEFAULT 'open',"
	"  resolved_on TEXT,"
	TRAILER_COLUMNS
	") STRICT;"
	"CREATE INDEX concern_org ON concern(org_id, year, state_kind);"
	"CREATE TABLE concern_update ("
	"  id INTEGER PRIMARY KEY,"
	"  concern_id INTEGER NOT NULL REFERENCES concern(id),"
	"  date TEXT NOT NULL, state TEXT NOT NULL, state_kind TEXT NOT NULL,"
	"  note TEXT NOT NULL,"
	TRAILER_COLUMNS
	") STRICT;"
	"CREATE INDEX concern_update_concern ON concern_update(concern_id, date);"
	"CREATE TABLE petition ("
	"  id INTEGER PRIMARY KEY,"
	"  org_id INTEGER NOT NULL REFERENCES org(id),"
	"  kind TEXT NOT NULL, received TEXT NOT NULL, year INTEGER NOT NULL,"
	"  from_name TEXT, subject TEXT NOT NULL, content TEXT,"
	"  transferred_to_id INTEGER REFERENCES org(id), deadline TEXT,"
	"  within_competence INTEGER NOT NULL DEFAULT 1, outcome TEXT,"
	"  state TEXT NOT NULL DEFAULT 'received', state_kind TEXT NOT NULL DEFAULT 'open',"
	"  resolved_on TEXT,"
	TRAILER_COLUMNS
	") STRICT;"
	"CREATE INDEX petition_org ON petition(org_id, year, state_kind);"
	"CREATE TABLE petition_update ("
	"  id INTEGER PRIMARY KEY,"
	"  petition_id INTEGER NOT NULL REFERENCES petition(id),"
	"  date TEXT NOT NULL, state TEXT NOT NULL, state_kind TEXT NOT NULL,"
	"  note TEXT NOT NULL,"
	TRAILER_COLUMNS
	") STRICT;"
	"CREATE INDEX petition_update_petition ON petition_update(petition_id, date);"
	"CREATE TABLE exemplar ("
	"  id INTEGER PRIMARY KEY,"
	"  org_id INTEGER NOT NULL REFERENCES org(id),"
	"  person_id INTEGER REFERENCES person(id),"
	"  year INTEGER NOT NULL, level TEXT NOT NULL, title TEXT NOT NULL,"
	"  description TEXT, status TEXT NOT NULL DEFAULT 'registered', score INTEGER,"
	TRAILER_COLUMNS
	") STRICT;"
	"CREATE INDEX exemplar_org ON exemplar(org_id, year);"
	"CREATE TABLE exemplar_score ("
	"  id INTEGER PRIMARY KEY,"
	"  exemplar_id INTEGER NOT NULL REFERENCES exemplar(id),"
	"  criterion TEXT NOT NULL, criterion_weight INTEGER NOT NULL DEFAULT 0,"
	"  score INTEGER NOT NULL, note TEXT,"
	TRAILER_COLUMNS
	") STRICT;"
	"CREATE UNIQUE INDEX exemplar_score_once ON exemplar_score(criterion, exemplar_id);"
	"CREATE TABLE exemplar_replication ("
	"  id INTEGER PRIMARY KEY,"
	"  exemplar_id INTEGER NOT NULL REFERENCES exemplar(id),"
	"  org_id INTEGER NOT NULL REFERENCES org(id), date TEXT NOT NULL, note TEXT,"
	TRAILER_COLUMNS
	") STRICT;"
	"CREATE UNIQUE INDEX exemplar_replication_once ON exemplar_replication(org_id, exemplar_id);"
	"CREATE TABLE inspection ("
	"  id INTEGER PRIMARY KEY,"
	"  org_id INTEGER NOT NULL REFERENCES org(id), kind TEXT NOT NULL,"
	"  target_org_id INTEGER NOT NULL REFERENCES org(id),"
	"  start_date TEXT NOT NULL, end_date TEXT, year INTEGER NOT NULL,"
	"  subject TEXT NOT NULL, findings TEXT, conclusion TEXT,"
	TRAILER_COLUMNS
	") STRICT;"
	"CREATE INDEX inspection_org ON inspection(org_id, year, kind);"
	"CREATE TABLE inspection_action ("
	"  id INTEGER PRIMARY KEY,"
	"  inspection_id INTEGER NOT NULL REFERENCES inspection(id),"
	"  title TEXT NOT NULL, due_date TEXT, done_on TEXT, note TEXT,"
	TRAILER_COLUMNS
	") STRICT;"
	"CREATE INDEX inspection_action_inspection ON inspection_action(inspection_id);"
	"CREATE TABLE evaluation ("
	"  id INTEGER PRIMARY KEY,"
	"  year INTEGER NOT NULL, org_id INTEGER NOT NULL REFERENCES org(id),"
	"  person_id INTEGER REFERENCES person(id), scale TEXT NOT NULL,"
	"  score_general INTEGER, score_tasks INTEGER, score INTEGER,"
	"  derived_level TEXT, level_given TEXT, reason TEXT, level TEXT NOT NULL,"
	"  approver_org_id INTEGER REFERENCES org(id), subject TEXT NOT NULL, note TEXT,"
	TRAILER_COLUMNS
	") STRICT;"
	"CREATE UNIQUE INDEX evaluation_once ON evaluation(year, subject);"
	"CREATE INDEX evaluation_org ON evaluation(org_id, year, level);"
	"CREATE TABLE award ("
	"  id INTEGER PRIMARY KEY,"
	"  year INTEGER NOT NULL, org_id INTEGER NOT NULL REFERENCES org(id),"
	"  person_id INTEGER REFERENCES person(id), kind TEXT NOT NULL,"
	"  title TEXT NOT NULL, issuer_org_id INTEGER NOT NULL REFERENCES org(id),"
	"  decision_no TEXT, decision_date TEXT,"
	TRAILER_COLUMNS
	") STRICT;"
	"CREATE INDEX award_org ON award(org_id, year);"
	"CREATE TABLE survey ("
	"  id INTEGER PRIMARY KEY,"
	"  org_id INTEGER NOT NULL REFERENCES org(id), date TEXT NOT NULL,"
	"  year INTEGER NOT NULL, title TEXT NOT NULL, question TEXT NOT NULL,"
	"  sample_size INTEGER NOT NULL, answered INTEGER NOT NULL DEFAULT 0,"
	TRAILER_COLUMNS
	") STRICT;"
	"CREATE INDEX survey_org ON survey(org_id, year);"
	"CREATE TABLE survey_answer ("
	"  id INTEGER PRIMARY KEY,"
	"  survey_id INTEGER NOT NULL REFERENCES survey(id),"
	"  label TEXT NOT NULL, count INTEGER NOT NULL,"
	"  sort_order INTEGER NOT NULL DEFAULT 0,"
	TRAILER_COLUMNS
	") STRICT;"
	"CREATE INDEX survey_answer_survey ON survey_answer(survey_id, sort_order);"
	"CREATE TABLE metric_value ("
	"  id INTEGER PRIMARY KEY,"
	"  org_id INTEGER NOT NULL REFERENCES org(id), metric TEXT NOT NULL,"
	"  year INTEGER NOT NULL, period TEXT NOT NULL, value INTEGER NOT NULL,"
	"  note TEXT,"
	TRAILER_COLUMNS
	") STRICT;"
	"CREATE UNIQUE INDEX metric_value_once ON metric_value(period, metric, year, org_id);"
	},
	{ 4,
	/* Child records are read by their parent: an index on the parent
	 * column where the unique index does not start with it (its first
	 * column names the field of a duplicate error).  attendance_person is
	 * the prefix of attendance_once. */
	"CREATE INDEX attendance_activity ON attendance(activity_id);"
	"DROP INDEX attendance_person;"
	"CREATE INDEX exemplar_score_exemplar ON exemplar_score(exemplar_id);"
	"CREATE INDEX exemplar_replication_exemplar ON exemplar_replication(exemplar_id);"
	},
	{ 5,
	/* The year report of a unit (core_year.c): one per unit and year; a
	 * unit without one has not submitted.  Approved locks the unit's
	 * records of that year. */
	"CREATE TABLE year_report ("
	"  id INTEGER PRIMARY KEY,"
	"  org_id INTEGER NOT NULL REFERENCES org(id), year INTEGER NOT NULL,"
	"  status TEXT NOT NULL DEFAULT 'open', submitted_on TEXT, approved_on TEXT,"
	"  reason TEXT,"
	TRAILER_COLUMNS
	") STRICT;"
	"CREATE UNIQUE INDEX year_report_once ON year_report(org_id, year);"
	},
	{ 6,
	/* The figures kept up to date (store_figures.c): for each year in
	 * figure_year, figure_tally holds what a unit's own records add to
	 * each indicator and figure_rollup the whole figure of the unit (its
	 * tree of that year and the units merged into it).  The triggers note
	 * the units a write touches in figure_dirty; the commit of the
	 * transaction brings their figures up to date (0 or -year: the tree
	 * changed, every year or from that year). */
	"CREATE TABLE figure_year (year INTEGER PRIMARY KEY) STRICT;"
	"CREATE TABLE figure_tally ("
	"  year INTEGER NOT NULL, ind TEXT NOT NULL, org_id INTEGER NOT NULL,"
	"  num INTEGER NOT NULL, den INTEGER NOT NULL, p1 INTEGER NOT NULL,"
	"  p2 INTEGER NOT NULL, p3 INTEGER NOT NULL, p4 INTEGER NOT NULL,"
	"  PRIMARY KEY (year, ind, org_id)) STRICT, WITHOUT ROWID;"
	"CREATE TABLE figure_rollup ("
	"  year INTEGER NOT NULL, org_id INTEGER NOT NULL, ind TEXT NOT NULL,"
	"  num INTEGER NOT NULL, den INTEGER NOT NULL, p1 INTEGER NOT NULL,"
	"  p2 INTEGER NOT NULL, p3 INTEGER NOT NULL, p4 INTEGER NOT NULL,"
	"  PRIMARY KEY (year, org_id, ind)) STRICT, WITHOUT ROWID;"
	"CREATE TABLE figure_dirty (org_id INTEGER PRIMARY KEY) STRICT;"
	FIG_TRIGGERS("person", OWN("NEW"), OWN("OLD"))
	FIG_TRIGGERS("pledge", OWN("NEW") PERSON_ORG("NEW"), OWN("OLD") PERSON_ORG("OLD"))
	FIG_TRIGGERS("plan", OWN("NEW"), OWN("OLD"))
	FIG_TRIGGERS("activity", OWN("NEW"), OWN("OLD"))
	FIG_TRIGGERS("attendance", VIA("NEW", "activity", "activity_id"),
	    VIA("OLD", "activity", "activity_id"))
	FIG_TRIGGERS("concern", OWN("NEW"), OWN("OLD"))
	FIG_TRIGGERS("petition", OWN("NEW"), OWN("OLD"))
	FIG_TRIGGERS("exemplar", OWN("NEW"), OWN("OLD"))
	FIG_TRIGGERS("exemplar_replication", VIA("NEW", "exemplar", "exemplar_id"),
	    VIA("OLD", "exemplar", "exemplar_id"))
	FIG_TRIGGERS("inspection", OWN("NEW"), OWN("OLD"))
	FIG_TRIGGERS("evaluation", OWN("NEW"), OWN("OLD"))
	FIG_TRIGGERS("org", DIRTY("SELECT NEW.id"), DIRTY("SELECT OLD.id"))
	FIG_TRIGGERS("org_period", OWN("NEW"), OWN("OLD"))
	},
	{ 7,
	/* Counts the committed write transactions (store_commit), so that a
	 * server can tell whether an answer it made is still true — also after
	 * another process (lamtheo import) wrote. */
	"CREATE TABLE data_generation (n INTEGER NOT NULL) STRICT;"
	"INSERT INTO data_generation (n) VALUES (0);"
	},
	{ 8,
	/* The keys an import matches rows by (docs/import.md), so that each
	 * row is one index search at national scale: a unit's collective
	 * pledges of a year, a person's evaluation of a year, an activity by
	 * unit, kind and day. */
	"CREATE INDEX pledge_collective ON pledge(org_id, year) WHERE person_id IS NULL;"
	"CREATE INDEX evaluation_person ON evaluation(person_id, year) WHERE person_id IS NOT NULL;"
	"CREATE INDEX activity_key ON activity(org_id, kind, date);"
	},
	{ 9,
	/* Counts the changes that can change who may see what: an account
	 * changed or removed, a session ended, a unit moved or merged.  A
	 * server keeps a session's principal (its scope computed once) while
	 * this has not moved, whatever else is written (api_auth.c). */
	"CREATE TABLE access_generation (n INTEGER NOT NULL) STRICT;"
	"INSERT INTO access_generation (n) VALUES (0);"
	"CREATE TRIGGER access_account_u AFTER UPDATE ON account BEGIN "
	"  UPDATE access_generation SET n = n + 1; END;"
	"CREATE TRIGGER access_account_d AFTER DELETE ON account BEGIN "
	"  UPDATE access_generation SET n = n + 1; END;"
	"CREATE TRIGGER access_session_d AFTER DELETE ON session BEGIN "
	"  UPDATE access_generation SET n = n + 1; END;"
	"CREATE TRIGGER access_org_u AFTER UPDATE OF path, successor_id, parent_id ON org "
	"  BEGIN UPDATE access_generation SET n = n + 1; END;"
	"CREATE TRIGGER access_org_d AFTER DELETE ON org BEGIN "
	"  UPDATE access_generation SET n = n + 1; END;"
	},
	{ 10,
	/* People search (store_search.c): a full-text index of each person's
	 * folded name, the ids of the units above and at the person's unit
	 * (so that a scope or unit filter is one more term of the query, not
	 * a join) and the status.  Its content is the view person_search_src;
	 * the triggers keep it in step with person and with the paths of
	 * units (a move or merge re-indexes the people of the units whose
	 * path changed).  person_word is the vocabulary of name words, which
	 * the search expands a prefix or a part of a word into; it only grows
	 * (a word nobody bears any more costs one empty term). */
	"CREATE VIEW person_search_src AS SELECT p.id AS id, p.name_fold AS name,"
	"  " SEARCH_AT("o.path") " AS at, " SEARCH_ST("p.status") " AS st"
	"  FROM person p JOIN org o ON o.id = p.org_id;"
	"CREATE VIRTUAL TABLE person_search USING fts5(name, at, st,"
	"  content='person_search_src', content_rowid='id',"
	"  tokenize='unicode61 remove_diacritics 0', detail='column', columnsize=0);"
	"INSERT INTO person_search (person_search) VALUES ('rebuild');"
	"CREATE TABLE person_word (word TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;"
	"CREATE VIRTUAL TABLE temp.person_search_terms USING fts5vocab(main, person_search, 'col');"
	"INSERT INTO person_word (word) SELECT term FROM temp.person_search_terms"
	"  WHERE col = 'name' AND " SEARCH_WORD_OK("term") ";"
	"DROP TABLE temp.person_search_terms;"
	SEARCH_INSERT_TRIGGER_SQL ";"
	"CREATE TRIGGER person_search_d AFTER DELETE ON person BEGIN "
	SEARCH_DEL("OLD") " END;"
	"CREATE TRIGGER person_search_u AFTER UPDATE OF name_fold, org_id, status ON person"
	"  WHEN OLD.name_fold IS NOT NEW.name_fold OR OLD.org_id IS NOT NEW.org_id"
	"  OR OLD.status IS NOT NEW.status BEGIN "
	SEARCH_DEL("OLD") SEARCH_ADD("NEW") SEARCH_WORDS("NEW") " END;"
	/* Each person's old entry deleted and the new one added in turn, in
	 * rowid order: FTS5 writes out what it holds whenever a rowid goes
	 * back, so two passes (or the order of person_org) cost 0,5 ms a
	 * person instead of 20 µs. */
	"CREATE TRIGGER person_search_org AFTER UPDATE OF path ON org"
	"  WHEN OLD.path IS NOT NEW.path BEGIN "
	"  INSERT INTO person_search (person_search, rowid, name, at, st)"
	"    SELECT CASE k WHEN 0 THEN 'delete' END, id, name_fold,"
	"      CASE k WHEN 0 THEN " SEARCH_AT("OLD.path") " ELSE " SEARCH_AT("NEW.path") " END, "
	SEARCH_ST("status")
	"    FROM person, (SELECT 0 AS k UNION ALL SELECT 1)"
	"    WHERE org_id = OLD.id ORDER BY id, k;"
	" END;"
	},
	{ 11,
	/* A year's figures built beside the writes (store_figures_build.c):
	 * figure_build holds the years being built, each with the epoch of
	 * its latest start (a build that was started again stops writing)
	 * and whether the tree changed since it read the records (it then
	 * starts again); figure_build_dirty the units written since, whose
	 * tallies are settled before the year is kept; figure_settle the
	 * units being settled, empty outside a transaction. */
	"CREATE TABLE figure_build (year INTEGER PRIMARY KEY, epoch INTEGER NOT NULL,"
	"  restart INTEGER NOT NULL DEFAULT 0) STRICT;"
	"CREATE TABLE figure_build_dirty (year INTEGER NOT NULL, org_id INTEGER NOT NULL,"
	"  PRIMARY KEY (year, org_id)) STRICT, WITHOUT ROWID;"
	"CREATE TABLE figure_settle (org_id INTEGER PRIMARY KEY) STRICT;"
	/* The tables each unit's noted writes were to (units noted before:
	 * every table). */
	"ALTER TABLE figure_dirty ADD COLUMN mask INTEGER NOT NULL DEFAULT -1;"
	"ALTER TABLE figure_dirty ADD COLUMN years INTEGER NOT NULL DEFAULT -1;"
	FIGM_TRIGGERS("person", OWNM("NEW", "1"), OWNM("OLD", "1"))
	FIGM_TRIGGERS("pledge", OWNM("NEW", "2") PERSON_ORGM("NEW", "2"),
	    OWNM("OLD", "2") PERSON_ORGM("OLD", "2"))
	FIGM_TRIGGERS("plan", OWNY("NEW", "4"), OWNY("OLD", "4"))
	FIGM_TRIGGERS("activity", OWNY("NEW", "8"), OWNY("OLD", "8"))
	FIGM_TRIGGERS("attendance", VIAM("NEW", "activity", "activity_id", "16"),
	    VIAM("OLD", "activity", "activity_id", "16"))
	FIGM_TRIGGERS("concern", OWNY("NEW", "32"), OWNY("OLD", "32"))
	FIGM_TRIGGERS("petition", OWNY("NEW", "64"), OWNY("OLD", "64"))
	FIGM_TRIGGERS("exemplar", OWNY("NEW", "128"), OWNY("OLD", "128"))
	FIGM_TRIGGERS("exemplar_replication", VIAM("NEW", "exemplar", "exemplar_id", "256"),
	    VIAM("OLD", "exemplar", "exemplar_id", "256"))
	FIGM_TRIGGERS("inspection", OWNY("NEW", "512"), OWNY("OLD", "512"))
	FIGM_TRIGGERS("evaluation", OWNY("NEW", "1024"), OWNY("OLD", "1024"))
	FIGM_TRIGGERS("org", DIRTYM("SELECT NEW.id, 2048, " ALL_YEARS " WHERE 1"),
	    DIRTYM("SELECT OLD.id, 2048, " ALL_YEARS " WHERE 1"))
	FIGM_TRIGGERS("org_period", OWNM("NEW", "4096"), OWNM("OLD", "4096"))
	/* A change of the tree brought into the kept figures unit by unit
	 * (store_figures_tree.c): the reach of every unit it can change, as
	 * it was before the change, kept until the transaction's flush. */
	"CREATE TABLE figure_reach_old (year INTEGER NOT NULL, org_id INTEGER NOT NULL,"
	"  reach TEXT NOT NULL, PRIMARY KEY (year, org_id)) STRICT, WITHOUT ROWID;"
	},
	{ 12,
	/* The counts of the year submission view and of the data-quality
	 * checks kept like the figures (the hidden indicators of
	 * core_indicator.c; store_migrate computes them for the kept years
	 * after this).  What they read beyond migration 6: the year reports,
	 * the check-ins of a pledge, the other pledges of the same person and
	 * year (a duplicate may be in another unit), and whether the person a
	 * member's rating is of is a party member (the rating may be kept by
	 * another unit).  The stale pledges depend on today: an index on the
	 * day of the last check-in (or acceptance) of the accepted pledges. */
	FIG_TRIGGERS("year_report", OWNY("NEW", "8192"), OWNY("OLD", "8192"))
	FIG_TRIGGERS("pledge_checkin", VIAM("NEW", "pledge", "pledge_id", "16384"),
	    VIAM("OLD", "pledge", "pledge_id", "16384"))
	"CREATE TRIGGER figure_pledge_dup_i AFTER INSERT ON pledge WHEN NEW.person_id IS NOT NULL"
	"  BEGIN " SAME_PERSON("NEW") " END;"
	"CREATE TRIGGER figure_pledge_dup_u AFTER UPDATE ON pledge BEGIN "
	SAME_PERSON("NEW") SAME_PERSON("OLD") " END;"
	"CREATE TRIGGER figure_pledge_dup_d AFTER DELETE ON pledge WHEN OLD.person_id IS NOT NULL"
	"  BEGIN " SAME_PERSON("OLD") " END;"
	"CREATE TRIGGER figure_person_rated_u AFTER UPDATE OF party_member ON person"
	"  WHEN OLD.party_member IS NOT NEW.party_member BEGIN "
	DIRTYM("SELECT org_id, 1, " ALL_YEARS " FROM evaluation WHERE person_id = NEW.id") " END;"
	"CREATE TRIGGER figure_person_rated_d AFTER DELETE ON person BEGIN "
	DIRTYM("SELECT org_id, 1, " ALL_YEARS " FROM evaluation WHERE person_id = OLD.id") " END;"
	"CREATE INDEX pledge_stale ON pledge(year, COALESCE(last_checkin, accepted_on))"
	"  WHERE status = 'accepted' AND deleted_at IS NULL;"
	/* A unit's live meetings of a year, counted from the index alone
	 * (the commit recomputes them for every unit a write touched); it
	 * replaces activity_org, its prefix. */
	"CREATE INDEX activity_live ON activity(org_id, year, kind, deleted_at, "
	"  topic_on_agenda, date);"
	"DROP INDEX activity_org;"	/* a prefix of it */
	/* A year being built by an older program would miss them. */
	"UPDATE figure_build SET restart = 1;"
	},
	/* 13: the dated figures kept per quarter and month too ("conferences@q2",
	 * store_figures.c): the kept years get them after the steps below. */
	{ 13,
	"UPDATE figure_build SET restart = 1;"
	},
	/* 14: an import's own audit row is filed under "import" (the importer's
	 * unit as its id), in no record's history: the rows written before. */
	{ 14,
	"UPDATE audit SET rtype = 'import', parent_rtype = NULL, parent_id = NULL"
	"  WHERE action = 'import' AND rtype <> 'import';"
	},
	/* 15: accounts (issue 9).  Sessions get a stable id (an administrator
	 * names the one to end) and the browser's user agent; the second
	 * factor: a TOTP secret per account (being enrolled: pending_secret;
	 * on: secret, and the last time step accepted, so no code is accepted
	 * twice), single-use recovery codes (digests only), and the tickets of
	 * a log-in between its password and its second step (digests, like
	 * sessions).  None of these is a field of an account record: the API
	 * never serialises them. */
	{ 15,
	"CREATE TABLE session_new ("
	"  id INTEGER PRIMARY KEY,"
	"  token_hash TEXT NOT NULL UNIQUE,"
	"  account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,"
	"  csrf TEXT NOT NULL,"
	"  created_at INTEGER NOT NULL,"
	"  expires_at INTEGER NOT NULL,"
	"  last_seen INTEGER NOT NULL,"
	"  ip TEXT,"
	"  user_agent TEXT"
	") STRICT;"
	"INSERT INTO session_new (token_hash, account_id, csrf, created_at, expires_at,"
	"  last_seen, ip) SELECT token_hash, account_id, csrf, created_at, expires_at,"
	"  last_seen, ip FROM session ORDER BY created_at;"
	"DROP TABLE session;"
	"ALTER TABLE session_new RENAME TO session;"
	"CREATE INDEX session_account ON session(account_id);"
	"CREATE TRIGGER access_session_d AFTER DELETE ON session BEGIN "
	"  UPDATE access_generation SET n = n + 1; END;"
	"CREATE TABLE account_totp ("
	"  account_id INTEGER PRIMARY KEY REFERENCES account(id) ON DELETE CASCADE,"
	"  secret BLOB,"
	"  enabled_at INTEGER,"
	"  last_step INTEGER NOT NULL DEFAULT -1,"
	"  pending_secret BLOB,"
	"  pending_at INTEGER,"
	"  CHECK ((secret IS NULL) = (enabled_at IS NULL))"
	") STRICT;"
	"CREATE TABLE recovery_code ("
	"  account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,"
	"  code_hash TEXT NOT NULL,"
	"  created_at INTEGER NOT NULL,"
	"  used_at INTEGER,"
	"  PRIMARY KEY (account_id, code_hash)"
	") STRICT;"
	"CREATE TABLE login_ticket ("
	"  ticket_hash TEXT PRIMARY KEY,"
	"  account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,"
	"  kind TEXT NOT NULL CHECK (kind IN ('totp', 'enrol')),"
	"  created_at INTEGER NOT NULL,"
	"  expires_at INTEGER NOT NULL"
	") STRICT;"
	"CREATE INDEX login_ticket_account ON login_ticket(account_id);"
	},
};

#define NMIGRATIONS ((int)(sizeof(migrations) / sizeof(migrations[0])))

static int
current_version(struct store *st, int *version)
{
	struct q *q;
	int rc;

	rc = q_exec(st, "CREATE TABLE IF NOT EXISTS schema_migrations ("
	    " version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL) STRICT");
	if (rc != ST_OK)
		return rc;
	if ((q = q_prep(st, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations")) == NULL)
		return ST_ERROR;
	rc = q_step(q);
	*version = rc == 1 ? (int)q_col_int(q, 0) : 0;
	q_done(q);
	return rc < 0 ? -rc : ST_OK;
}

int
store_migrate(struct store *st, int *version)
{
	int v, from, rc;
	struct q *q;

	if ((rc = store_begin(st, true)) != ST_OK)
		return rc;
	if ((rc = current_version(st, &v)) != ST_OK)
		goto fail;
	from = v;
	if (v > migrations[NMIGRATIONS - 1].version) {
		rc = store_fail(st, ST_ERROR, "database schema version %d is newer "
		    "than this program (%d)", v, migrations[NMIGRATIONS - 1].version);
		goto fail;
	}
	for (int i = 0; i < NMIGRATIONS; i++) {
		if (migrations[i].version <= v)
			continue;
		if ((rc = q_exec(st, migrations[i].sql)) != ST_OK)
			goto fail;
		if ((q = q_prep(st, "INSERT INTO schema_migrations (version, applied_at)"
		    " VALUES ($1, $2)")) == NULL) {
			rc = ST_ERROR;
			goto fail;
		}
		q_int(q, 1, migrations[i].version);
		q_int(q, 2, store_now());
		if ((rc = q_run(q)) != ST_OK)
			goto fail;
		v = migrations[i].version;
	}
	/* Migration 12 added the hidden indicators: the years already kept get
	 * them now, in the same transaction. */
	if (from > 0 && from < 12 && v >= 12 &&
	    (rc = store_figures_add_kept(st, IND__SHOWN, 0)) != ST_OK)
		goto fail;
	/* Migration 13: the quarters and months of the dated ones. */
	if (from > 0 && from < 13 && v >= 13 &&
	    (rc = store_figures_add_kept(st, 0, PERIOD_Q1)) != ST_OK)
		goto fail;
	if ((rc = store_commit(st)) != ST_OK)
		return rc;
	if (version != NULL)
		*version = v;
	return ST_OK;
fail:
	store_rollback(st);
	return rc;
}
