"""The national data set of SPEC §5 as CSV files that `lamtheo import` reads.

Shape at scale 1.0 (SPEC §5; the proportions of the demo's records, which
follow the seed articles — src/demo/demo_records.c):

  1 national root, 34 provinces, each with two bloc committees
  (district_committee: the Party's agencies, the People's Committee);
  3.321 commune committees (base_committee) straight under the provinces,
  each with ~48 cells (thôn, tổ dân phố), five mass organisations and the
  commune's People's Committee (agency); ~48.700 other base organisations
  under the blocs: 45 % with ~4 cells, the rest "chi bộ cơ sở" whose members
  belong to the base organisation itself.  About 320.000 units, 247.000
  cells, 5,6 million party members.

  One year (default: last year, so that every date is in the past):
  a pledge per member (key cadres and heads all, others 98,5 %) and a
  collective pledge per cell; an evaluation per member and per cell and base
  organisation (party scale) and per mass organisation (mass scale); twelve
  cell meetings per cell with the topic on the agenda of the quarterly
  meetings in 97 % of the cells; conferences, citizen receptions,
  dialogues, voter contacts and political rounds of the committees.  And, for
  the types `lamtheo import` has no --type for (plans, concerns, petitions,
  exemplars, inspections), CSV files that load.py writes with plain SQL.

Scale s keeps the size of a unit and multiplies the number of units: s = 0.03
is one province (34 × 0.03 ≈ 1), s = 0.002 a few communes.  The same seed
and scale give the same files, byte for byte (one random.Random per
province, seeded with a string).
"""
import csv
import datetime
import json
import os
import random

PRESETS = {"national": 1.0, "province": 0.03, "small": 0.002}

# Totals at scale 1.0.
PROVINCES = 34
COMMUNES = 3321
BLOC_BASES = 48700

PROVINCE_NAMES = [
    ("thành phố", "Hà Nội"), ("thành phố", "Huế"), ("tỉnh", "Lai Châu"),
    ("tỉnh", "Điện Biên"), ("tỉnh", "Sơn La"), ("tỉnh", "Lạng Sơn"),
    ("tỉnh", "Quảng Ninh"), ("tỉnh", "Thanh Hóa"), ("tỉnh", "Nghệ An"),
    ("tỉnh", "Hà Tĩnh"), ("tỉnh", "Cao Bằng"), ("tỉnh", "Tuyên Quang"),
    ("tỉnh", "Lào Cai"), ("tỉnh", "Thái Nguyên"), ("tỉnh", "Phú Thọ"),
    ("tỉnh", "Bắc Ninh"), ("tỉnh", "Hưng Yên"), ("thành phố", "Hải Phòng"),
    ("tỉnh", "Ninh Bình"), ("tỉnh", "Quảng Trị"), ("thành phố", "Đà Nẵng"),
    ("tỉnh", "Quảng Ngãi"), ("tỉnh", "Gia Lai"), ("tỉnh", "Khánh Hòa"),
    ("tỉnh", "Lâm Đồng"), ("tỉnh", "Đắk Lắk"), ("thành phố", "Hồ Chí Minh"),
    ("tỉnh", "Đồng Nai"), ("tỉnh", "Tây Ninh"), ("thành phố", "Cần Thơ"),
    ("tỉnh", "Vĩnh Long"), ("tỉnh", "Đồng Tháp"), ("tỉnh", "Cà Mau"),
    ("tỉnh", "An Giang"),
]

FAMILY = [("Nguyễn", 380), ("Trần", 110), ("Lê", 95), ("Phạm", 70), ("Hoàng", 50),
          ("Phan", 45), ("Vũ", 40), ("Huỳnh", 20), ("Võ", 20), ("Đặng", 20), ("Bùi", 20),
          ("Đỗ", 15), ("Hồ", 13), ("Ngô", 13), ("Dương", 10), ("Lý", 5), ("Đinh", 10),
          ("Trương", 10), ("Lưu", 6), ("Mai", 6), ("Đoàn", 6), ("Lương", 5), ("Cao", 5),
          ("Hà", 5), ("Tạ", 4), ("Vương", 3), ("Lại", 3), ("Tô", 3), ("Khúc", 2),
          ("Triệu", 2), ("Phùng", 2), ("Kiều", 2)]
MALE_MIDDLE = ["Văn"] * 8 + ["Đức", "Minh", "Hữu", "Quang", "Xuân", "Thanh", "Công",
                             "Ngọc", "Duy", "Đình", "Mạnh", "Tiến", "Trọng", "Quốc"]
FEMALE_MIDDLE = ["Thị"] * 9 + ["Thu", "Ngọc", "Thanh", "Hồng", "Minh", "Thùy", "Phương",
                               "Kim", "Bích", "Thúy"]
MALE_GIVEN = ["Hùng", "Dũng", "Tuấn", "Minh", "Nam", "Sơn", "Hải", "Long", "Thắng", "Cường",
              "Quang", "Đức", "Hiếu", "Trung", "Tiến", "Thành", "Phong", "Khoa", "Bình", "An",
              "Anh", "Huy", "Hoàng", "Việt", "Hưng", "Khánh", "Kiên", "Lâm", "Lợi", "Mạnh",
              "Nghĩa", "Phúc", "Quân", "Quý", "Tài", "Tâm", "Thái", "Thịnh", "Toàn", "Trọng",
              "Tú", "Tùng", "Vinh", "Vũ", "Đạt", "Định", "Đông", "Giang", "Hậu", "Hiệp"]
FEMALE_GIVEN = ["Hà", "Lan", "Hương", "Mai", "Linh", "Ngọc", "Thảo", "Trang", "Huyền", "Hằng",
                "Nga", "Yến", "Thủy", "Phương", "Dung", "Hoa", "Oanh", "Nhung", "Anh", "Châu",
                "Chi", "Diệp", "Duyên", "Giang", "Hạnh", "Hiền", "Hoài", "Hồng", "Huệ", "Liên",
                "Loan", "Ly", "My", "Nhàn", "Nhi", "Nguyệt", "Quyên", "Quỳnh", "Tâm", "Thơ"]
PLACE_A = ["Đông", "Tây", "Nam", "Bắc", "Trung", "Thượng", "Hạ", "Nội", "Ngoại", "Tân",
           "An", "Phú", "Vĩnh", "Hòa", "Minh", "Thanh", "Yên", "Kim", "Phúc", "Hưng"]
PLACE_B = ["Lạc", "Xuân", "Lập", "Hòa", "Phong", "Tiến", "Thành", "Bình", "Lộc", "Thịnh",
           "Sơn", "Hải", "Long", "Đức", "Mỹ", "Khánh", "Ninh", "Đoài", "Đồng", "Quang"]
MASS_ORGS = [("MT", "Ủy ban Mặt trận Tổ quốc Việt Nam"), ("PN", "Hội Liên hiệp Phụ nữ"),
             ("TN", "Đoàn Thanh niên Cộng sản Hồ Chí Minh"), ("ND", "Hội Nông dân"),
             ("CCB", "Hội Cựu chiến binh")]
FOLLOW = [
    "Giữ gìn phẩm chất đạo đức, lối sống trong sạch, giản dị theo gương Bác",
    "Nêu cao tinh thần trách nhiệm, tận tụy phục vụ Nhân dân",
    "Thực hành tiết kiệm, chống lãng phí trong công việc và sinh hoạt",
    "Gần dân, trọng dân, lắng nghe và giải quyết kịp thời ý kiến của Nhân dân",
    "Nói đi đôi với làm, gương mẫu trong gia đình và nơi cư trú",
    "Đoàn kết, giúp đỡ đồng chí, đồng nghiệp cùng tiến bộ",
    "Tích cực học tập nâng cao trình độ lý luận chính trị và chuyên môn",
    "Tham gia xây dựng nông thôn mới, giữ gìn vệ sinh môi trường khu dân cư",
    "Chấp hành nghiêm kỷ luật, kỷ cương hành chính, không gây phiền hà cho dân",
    "Vận động gia đình và bà con thực hiện tốt chủ trương của Đảng, pháp luật của Nhà nước",
]
SOLUTIONS = [
    "Xây dựng kế hoạch cá nhân theo quý, tự kiểm điểm hằng tháng tại chi bộ",
    "Đăng ký nội dung cụ thể, báo cáo tiến độ trong sinh hoạt chi bộ định kỳ",
    "Phân công thời gian hợp lý, chủ động đề xuất giải pháp với chi ủy",
    "Tham gia đầy đủ các buổi sinh hoạt chuyên đề và hoạt động của khu dân cư",
]
LEVELS_MEMBER = [("excellent", 140), ("good", 830), ("done", 26), ("not_done", 4)]
LEVELS_UNIT = [("excellent", 150), ("good", 748), ("done", 92), ("not_done", 10)]
LEVELS_MASS = [("strong", 850), ("fair", 110), ("average", 30), ("weak", 10)]

# Files written, in the order they are imported (type, file); then the ones
# load.py writes with SQL.
IMPORT_FILES = [("orgs", "orgs.csv"), ("people", "people.csv"), ("pledges", "pledges.csv"),
                ("evaluations", "evaluations.csv"), ("activities", "activities.csv")]
SQL_FILES = ["plans.csv", "concerns.csv", "petitions.csv", "exemplars.csv", "inspections.csv"]

HEADERS = {
    "orgs.csv": ["code", "kind", "name", "parent_code", "valid_from"],
    "people.csv": ["code", "full_name", "gender", "birth_year", "party_joined", "party_member",
                   "key_cadre", "head", "civil_servant", "union_member", "org_code", "status",
                   "position"],
    "pledges.csv": ["year", "org_code", "person_code", "follow", "solutions", "target_text",
                    "due_date"],
    "evaluations.csv": ["year", "org_code", "person_code", "scale", "level_given"],
    "activities.csv": ["org_code", "kind", "date", "title", "topic_on_agenda",
                       "outside_count"],
    "plans.csv": ["org_code", "year", "number", "title", "issued_on"],
    "concerns.csv": ["org_code", "title", "field", "source", "opened", "state",
                     "state_kind", "resolved_on"],
    "petitions.csv": ["org_code", "kind", "received", "subject", "within_competence",
                      "state", "state_kind", "resolved_on"],
    "exemplars.csv": ["org_code", "person_code", "year", "level", "title", "status"],
    "inspections.csv": ["org_code", "kind", "target_code", "start_date", "year", "subject"],
}


def resolve_scale(text):
    """--scale: a preset name or a positive number."""
    if text in PRESETS:
        return PRESETS[text]
    v = float(text)
    if not 0 < v <= 2:
        raise ValueError("scale must be in (0, 2] or one of " + ", ".join(PRESETS))
    return v


def _weighted(pairs):
    out = []
    for name, w in pairs:
        out += [name] * w
    return out


FAMILY_W = _weighted(FAMILY)


def _split(total, weights, rng, at_least=0):
    """total split by weights into integers (stochastic rounding), each >= at_least."""
    s = sum(weights)
    out = []
    for w in weights:
        x = total * w / s
        n = int(x) + (1 if rng.random() < x - int(x) else 0)
        out.append(max(at_least, n))
    return out


class Writer:
    """One CSV per file name, with its header, rows counted."""

    def __init__(self, outdir):
        self.files, self.w, self.count = {}, {}, {}
        for name, head in HEADERS.items():
            f = open(os.path.join(outdir, name), "w", newline="", encoding="utf-8")
            self.files[name] = f
            self.w[name] = csv.writer(f, lineterminator="\n")
            self.w[name].writerow(head)
            self.count[name] = 0

    def rows(self, name, rows):
        self.w[name].writerows(rows)
        self.count[name] += len(rows)

    def close(self):
        for f in self.files.values():
            f.close()


def _d(y, m, d):
    return "%04d-%02d-%02d" % (y, m, d)


class Province:
    """Generates one province's rows (units first, then people and records)."""

    def __init__(self, gen, idx, ncommunes, nbases):
        self.g = gen
        self.idx = idx
        self.rng = random.Random("lamtheo-bench:%s:%d" % (gen.seed, idx))
        self.code = "T%02d" % (idx + 1)
        kind, name = PROVINCE_NAMES[idx % len(PROVINCE_NAMES)]
        if idx >= len(PROVINCE_NAMES):
            name += " %d" % (idx // len(PROVINCE_NAMES) + 1)
        self.name = name
        self.pname = "Đảng bộ %s %s" % (kind, name)
        self.ncommunes, self.nbases = ncommunes, nbases

    def place(self):
        r = self.rng.random
        return "%s %s" % (PLACE_A[int(r() * len(PLACE_A))], PLACE_B[int(r() * len(PLACE_B))])

    def person(self, unit_code, head):
        """One person's row and what the records need of him or her."""
        g, r = self.g, self.rng.random
        g.nperson += 1
        code = "DV%08d" % g.nperson
        female = r() < 0.38
        fam = FAMILY_W[int(r() * len(FAMILY_W))]
        if female:
            name = "%s %s %s" % (fam, FEMALE_MIDDLE[int(r() * len(FEMALE_MIDDLE))],
                                 FEMALE_GIVEN[int(r() * len(FEMALE_GIVEN))])
        else:
            name = "%s %s %s" % (fam, MALE_MIDDLE[int(r() * len(MALE_MIDDLE))],
                                 MALE_GIVEN[int(r() * len(MALE_GIVEN))])
        x = r()
        if x < 0.990:
            status = "active"
        elif x < 0.994:
            status = "transferred_out"
        elif x < 0.997:
            status = "left"
        else:
            status = "deceased"
        # Joined the Party: most before the year, 1,8 % after it (not counted).
        if r() < 0.018:
            jd = g.after_start + int(r() * g.after_days)
            joined = (datetime.date.fromordinal(jd)).isoformat()
            jy = g.year + 1
        else:
            jy = 1965 + int(r() * (g.year - 1965 + 1))
            joined = _d(jy, 1 + int(r() * 12), 1 + int(r() * 28))
        born = jy - 18 - int(r() * 22)
        key = 1 if head or r() < 0.07 else 0
        row = (code, name, "female" if female else "male", born, joined, 1, key,
               1 if head else 0, 1 if r() < 0.25 else 0, 1 if r() < 0.4 else 0, unit_code,
               status, "Bí thư chi bộ" if head else ("Cán bộ chủ chốt" if key else ""))
        counted = status == "active" and jy <= g.year
        return row, code, key, counted

    def members(self, unit_code, n, w, meta):
        """n members of unit_code: people, their pledges and evaluations."""
        g, r, y = self.g, self.rng.random, self.g.year
        people, pledges, evals = [], [], []
        for i in range(n):
            row, code, key, counted = self.person(unit_code, i == 0)
            people.append(row)
            if not counted:
                continue
            if key or r() < 0.985:
                x = r()
                due = _d(y, 12, 31) if x < 0.95 else (_d(y, 6, 30) if x < 0.97 else
                                                      _d(y + 1, 6, 30))
                k = int(r() * len(FOLLOW))
                pledges.append((y, unit_code, code, FOLLOW[k], SOLUTIONS[k % len(SOLUTIONS)],
                                "Hoàn thành %d%% nội dung đăng ký" % (80 + 5 * (k % 5)),
                                due))
            if r() < 0.99:
                evals.append((y, unit_code, code, "party", g.level(self.rng, LEVELS_MEMBER)))
            if meta is not None and "person" not in meta:
                meta["person"] = code
        # The cell's collective pledge (seed 000: 4.000 beside 100.000).
        k = int(r() * len(FOLLOW))
        pledges.append((y, unit_code, "", "Tập thể chi bộ: " + FOLLOW[k],
                        SOLUTIONS[k % len(SOLUTIONS)], "", _d(y, 12, 31)))
        w.rows("people.csv", people)
        w.rows("pledges.csv", pledges)
        w.rows("evaluations.csv", evals)
        return n

    def meetings(self, unit_code, n_members, w):
        """Twelve regular meetings; the topic in the quarterly ones (97 % of cells)."""
        r, y = self.rng.random, self.g.year
        topical = r() < 0.97
        rows = []
        for m in range(1, 13):
            on = 1 if (topical and m % 3 == 0) or r() < 0.05 else 0
            present = max(1, n_members - int(r() * 3))
            rows.append((unit_code, "cell_meeting", _d(y, m, 5 + int(r() * 20)),
                         "Sinh hoạt chi bộ định kỳ tháng %d/%d" % (m, y), on, present))
        w.rows("activities.csv", rows)

    def committee_records(self, code, level, w, ncells):
        """A committee's own activities, plan, concerns, petitions, inspections."""
        r, y, g = self.rng.random, self.g.year, self.g
        acts = []
        nconf = {"national": 2, "province": 6, "bloc": 3, "commune": 2, "base": 1}[level]
        if level == "base":
            nconf = 1 if r() < 0.5 else 0
        for k in range(nconf):
            m = 2 + int(r() * 10)
            acts.append((code, "conference", _d(y, m, 1 + int(r() * 28)),
                         "Hội nghị học tập, quán triệt chuyên đề năm %d (đợt %d)" % (y, k + 1),
                         1, 40 + int(r() * (60 if level == "base" else 360))))
        if level in ("province", "commune"):
            for m in range(1, 13):
                acts.append((code, "citizen_reception", _d(y, m, 10 + int(r() * 5)),
                             "Tiếp công dân định kỳ tháng %d/%d" % (m, y), 0, int(r() * 12)))
            for k in range(1 + int(r() * 2)):
                acts.append((code, "dialogue", _d(y, 3 + 4 * k, 1 + int(r() * 28)),
                             "Đối thoại với Nhân dân lần %d năm %d" % (k + 1, y), 0,
                             30 + int(r() * 150)))
            for k in range(2):
                acts.append((code, "voter_contact", _d(y, 4 + 6 * k, 1 + int(r() * 28)),
                             "Tiếp xúc cử tri kỳ họp thứ %d" % (k + 1), 0, 50 + int(r() * 200)))
            acts.append((code, "political_round", _d(y, 5, 1 + int(r() * 28)),
                         "Đợt sinh hoạt chính trị năm %d" % y, 1, 100 + int(r() * 300)))
        w.rows("activities.csv", acts)
        if level != "national" and r() < 0.99:
            w.rows("plans.csv", [(code, y, "%d-KH/ĐU" % (1 + int(r() * 200)),
                                  "Kế hoạch thực hiện Chỉ thị 05-CT/TW năm %d" % y,
                                  _d(y, 1 + int(r() * 2), 1 + int(r() * 28)))])
        nconc = {"commune": 1 + int(r() * 3), "base": 1 if r() < 0.1 else 0,
                 "province": 3, "bloc": 1}.get(level, 0)
        rows = []
        for k in range(nconc):
            opened = datetime.date(y, 1, 1) + datetime.timedelta(days=int(r() * 300))
            if r() < 0.947:
                done = opened + datetime.timedelta(days=5 + int(r() * 60))
                rows.append((code, "Vấn đề bức xúc số %d năm %d" % (k + 1, y),
                             ["land", "environment", "construction", "admin_procedures",
                              "site_clearance", "ethics", "other"][int(r() * 7)],
                             ["committee", "citizens", "press", "inspection"][int(r() * 4)],
                             opened.isoformat(), "resolved", "resolved", done.isoformat()))
            else:
                rows.append((code, "Vấn đề bức xúc số %d năm %d" % (k + 1, y), "land",
                             "citizens", opened.isoformat(), "in_progress", "open", ""))
        w.rows("concerns.csv", rows)
        npet = {"commune": 1 + int(r() * 5), "province": 10, "bloc": 2}.get(level, 0)
        rows = []
        for k in range(npet):
            rec = datetime.date(y, 1, 1) + datetime.timedelta(days=int(r() * 330))
            within = 1 if r() < 0.9 else 0
            if r() < 0.9:
                st, kind, on = "resolved", "resolved", (
                    rec + datetime.timedelta(days=3 + int(r() * 30))).isoformat()
            else:
                st, kind, on = "in_progress", "open", ""
            rows.append((code, ["complaint", "denunciation", "recommendation", "report"]
                         [int(r() * 4)], rec.isoformat(), "Đơn số %d/%d" % (k + 1, y), within,
                         st, kind, on))
        w.rows("petitions.csv", rows)
        g.inspections(self.rng, code, level, w, ncells)

    def run(self, w, parent):
        g, r, y = self.g, self.rng.random, self.g.year
        pc = self.code
        start = g.valid_from
        w.rows("orgs.csv", [(pc, "province_committee", self.pname, parent, start)])
        meta = {"code": pc, "name": self.pname}
        g.units["province_committee"] += 1
        self.committee_records(pc, "province", w, 0)
        # The communes, straight under the province since 1/7/2025.
        for c in range(self.ncommunes):
            cc = "%s.X%03d" % (pc, c + 1)
            urban = r() < 0.3
            cname = "Đảng bộ %s %s" % ("phường" if urban else "xã", self.place())
            units = [(cc, "base_committee", cname, pc, start),
                     (cc + ".UB", "agency", "Ủy ban nhân dân " + cname[8:], cc, start)]
            for mc, mname in MASS_ORGS:
                units.append((cc + "." + mc, "mass_org", "%s %s" % (mname, cname[8:]), cc,
                              start))
            ncells = 24 + int(r() * 49)
            cells = []
            for k in range(ncells):
                cells.append(("%s.C%02d" % (cc, k + 1), "cell", "Chi bộ %s %s" % (
                    "tổ dân phố" if urban else "thôn", self.place()), cc, start))
            w.rows("orgs.csv", units + cells)
            g.units["base_committee"] += 1
            g.units["agency"] += 1
            g.units["mass_org"] += len(MASS_ORGS)
            g.units["cell"] += ncells
            cmeta = None
            if c == 0:
                cmeta = meta["commune"] = {"code": cc, "name": cname}
            for cell in cells:
                n = 10 + int(r() * 29)
                self.members(cell[0], n, w, cmeta)
                self.meetings(cell[0], n, w)
            evals = [(y, cell[0], "", "party", g.level(self.rng, LEVELS_UNIT)) for cell in cells]
            evals.append((y, cc, "", "party", g.level(self.rng, LEVELS_UNIT)))
            evals += [(y, cc + "." + mc, "", "mass", g.level(self.rng, LEVELS_MASS))
                      for mc, _ in MASS_ORGS]
            w.rows("evaluations.csv", evals)
            self.committee_records(cc, "commune", w, ncells)
            g.exemplars(self.rng, cc, cmeta or {}, w)
        # The two blocs and their base organisations.
        blocs = [("K1", "Đảng bộ các cơ quan Đảng %s" % self.name),
                 ("K2", "Đảng bộ Ủy ban nhân dân %s" % self.name)]
        nb = _split(self.nbases, [1, 1], self.rng)
        for (bk, bname), nbase in zip(blocs, nb):
            bc = "%s.%s" % (pc, bk)
            w.rows("orgs.csv", [(bc, "district_committee", bname, pc, start)])
            g.units["district_committee"] += 1
            self.committee_records(bc, "bloc", w, 0)
            for b in range(nbase):
                code = "%s.B%04d" % (bc, b + 1)
                name = "Đảng bộ cơ sở %s số %d" % (["Sở", "Trường", "Công ty", "Bệnh viện",
                                                     "Ban", "Trung tâm"][int(r() * 6)], b + 1)
                g.units["base_committee"] += 1
                evals = [(y, code, "", "party", g.level(self.rng, LEVELS_UNIT))]
                if r() < 0.45:
                    ncells = 2 + int(r() * 5)
                    cells = [("%s.C%d" % (code, k + 1), "cell", "Chi bộ %d" % (k + 1), code,
                              start) for k in range(ncells)]
                    w.rows("orgs.csv", [(code, "base_committee", name, bc, start)] + cells)
                    g.units["cell"] += ncells
                    for cell in cells:
                        n = 5 + int(r() * 19)
                        self.members(cell[0], n, w, None)
                        self.meetings(cell[0], n, w)
                        evals.append((y, cell[0], "", "party",
                                      g.level(self.rng, LEVELS_UNIT)))
                else:
                    # Chi bộ cơ sở: its members belong to the base organisation.
                    w.rows("orgs.csv", [(code, "base_committee", name.replace(
                        "Đảng bộ cơ sở", "Chi bộ cơ sở"), bc, start)])
                    n = 8 + int(r() * 25)
                    self.members(code, n, w, None)
                    self.meetings(code, n, w)
                w.rows("evaluations.csv", evals)
                self.committee_records(code, "base", w, 0)
        return meta


class Gen:
    def __init__(self, outdir, scale, seed=1, year=None, today=None):
        self.outdir, self.scale, self.seed = outdir, scale, seed
        self.today = today or datetime.date.today()
        self.year = year or self.today.year - 1
        if self.year >= self.today.year:
            raise ValueError("--year must be before this year (every date is in the past)")
        self.valid_from = _d(min(self.year, 2021), 1, 1)
        # Joined in the year after: from 1/1 to yesterday (or 31/12).
        self.after_start = datetime.date(self.year + 1, 1, 1).toordinal()
        end = min(self.today - datetime.timedelta(days=1), datetime.date(self.year + 1, 12, 31))
        self.after_days = max(1, end.toordinal() - self.after_start + 1)
        self.nperson = 0
        self.units = {k: 0 for k in ("national", "province_committee", "district_committee",
                                     "base_committee", "cell", "agency", "mass_org")}
        self.nex = self.nins = 0

    @staticmethod
    def level(rng, table):
        x = int(rng.random() * 1000)
        for name, w in table:
            if x < w:
                return name
            x -= w
        return table[-1][0]

    def exemplars(self, rng, code, cmeta, w):
        r, y = rng.random, self.year
        rows = []
        for k in range(int(r() * 5)):
            person = cmeta.get("person", "") if r() < 0.4 else ""
            x = r()
            st = ("registered" if x < 0.5 else "recognised" if x < 0.7 else
                  "commended" if x < 0.9 else "replicated")
            rows.append((code, person, y, "base", "Mô hình \u201cDân vận khéo\u201d số %d" % (k + 1),
                         st))
        w.rows("exemplars.csv", rows)

    def inspections(self, rng, code, level, w, ncells):
        r, y = rng.random, self.year
        rows = []
        if level == "commune" and ncells:
            for k in range(1 + int(r() * 2)):
                kind = ["inspection", "self_inspection", "thematic_supervision"][int(r() * 3)]
                target = "%s.C%02d" % (code, 1 + int(r() * ncells))
                rows.append((code, kind, target, _d(y, 2 + int(r() * 9), 1 + int(r() * 28)),
                             y, "Kiểm tra việc thực hiện Chỉ thị 05-CT/TW năm %d" % y))
        elif level in ("province", "bloc"):
            for k in range(2 if level == "bloc" else 6):
                rows.append((code, "thematic_supervision", code,
                             _d(y, 2 + int(r() * 9), 1 + int(r() * 28)), y,
                             "Giám sát chuyên đề số %d năm %d" % (k + 1, y)))
        w.rows("inspections.csv", rows)

    def run(self):
        os.makedirs(self.outdir, exist_ok=True)
        w = Writer(self.outdir)
        rng = random.Random("lamtheo-bench:%s" % self.seed)
        nprov = max(1, round(PROVINCES * self.scale))
        weights = [0.6 + 0.8 * rng.random() for _ in range(nprov)]
        communes = _split(COMMUNES * self.scale, weights, rng, at_least=1)
        bases = _split(BLOC_BASES * self.scale, weights, rng)
        w.rows("orgs.csv", [("VN", "national", "Ban Chấp hành Trung ương Đảng", "",
                             self.valid_from)])
        self.units["national"] = 1
        provinces = []
        root = Province(self, 0, 0, 0)
        root.rng = random.Random("lamtheo-bench:%s:root" % self.seed)
        root.committee_records("VN", "national", w, 0)
        for p in range(nprov):
            provinces.append(Province(self, p, communes[p], bases[p]).run(w, "VN"))
        w.close()
        manifest = {
            "scale": self.scale, "seed": self.seed, "year": self.year,
            "generated_on": self.today.isoformat(),
            "root": {"code": "VN", "name": "Ban Chấp hành Trung ương Đảng"},
            # The province and commune the bench measures: the first ones.
            "province": provinces[0],
            "units": self.units,
            "rows": {name: w.count[name] for name in HEADERS},
            "files": {"import": IMPORT_FILES, "sql": SQL_FILES},
        }
        manifest["commune"] = manifest["province"].pop("commune")
        with open(os.path.join(self.outdir, "manifest.json"), "w", encoding="utf-8") as f:
            json.dump(manifest, f, ensure_ascii=False, indent=1)
        return manifest
