/*
 * demo_data.c — the tables of the demo data set (no logic): the Party
 * organisation tree of the seed articles' provinces as it stood in 2021–2023,
 * the units created by the reorganisation of 1/7/2025, the events that turned
 * the one into the other, the real officials the seeds name, and the demo
 * log-ins.  demo_load.c writes them through the store.
 *
 * Places.  The pre-2025 communes are real; each district carries only a
 * sample of them (6–10 for the seed districts, 3–6 elsewhere).  The post-2025
 * communes and wards are real names of the Nghị quyết of the Ủy ban Thường vụ
 * Quốc hội (June 2025) on each province's communes, formed here from the
 * sampled old communes only.  Unit names we could not verify carry the note
 * "Tên minh họa".  Real changes that happened at other dates in 2025
 * (provincial blocs abolished, Ban Tuyên giáo and Ban Dân vận merged) are
 * dated 1/7/2025 for simplicity.
 *
 * Codes are uppercase ASCII: province, then district, then commune, then
 * cell ("BN.QV.CHI_LANG.QUE_O").  Units created in 2025 sit directly under
 * their province ("HY.THAI_THUY").
 *
 * Events run in table order: each old commune merges into its new commune
 * (its cells follow it), district-level bodies close, then each district
 * closes (it has no open unit left by then), then province-level units merge
 * or move, and last each absorbed province merges into the surviving one.
 */
#include <stddef.h>

#include "demo/demo.h"

#define NELEM(a) ((int)(sizeof(a) / sizeof((a)[0])))

#define NOTE_ILLUS "Tên minh họa"

/* A unit that existed since DEMO_EPOCH. */
#define PROVINCE(c, p, n) { c, p, "province_committee", n, NULL, 0, 0, NULL }
#define DISTRICT(c, p, n) { c, p, "district_committee", n, NULL, 0, 0, NULL }
#define BASE(c, p, n, cells, members) \
	{ c, p, "base_committee", n, NULL, cells, members, NULL }
#define BASE_ILLUS(c, p, n, cells, members) \
	{ c, p, "base_committee", n, NULL, cells, members, NOTE_ILLUS }
#define CELL(c, p, n, members) { c, p, "cell", n, NULL, 0, members, NULL }
#define AGENCY(c, p, n) { c, p, "agency", n, NULL, 0, 0, NULL }
#define MASS(c, p, n) { c, p, "mass_org", n, NULL, 0, 0, NULL }

/* A unit created by the reorganisation: it receives merged units' cells. */
#define NEW_BASE(c, p, n) { c, p, "base_committee", n, DEMO_REORG_DATE, 0, 0, NULL }
#define NEW_DISTRICT(c, p, n) \
	{ c, p, "district_committee", n, DEMO_REORG_DATE, 0, 0, NULL }
#define NEW_AGENCY(c, p, n) { c, p, "agency", n, DEMO_REORG_DATE, 0, 0, NULL }

const struct demo_org demo_orgs[] = {
	{ "VN", NULL, "national", "Ban Chấp hành Trung ương Đảng", NULL, 0, 0, NULL },

	/* ---- Provinces before 1/7/2025 -------------------------------------- */
	PROVINCE("TB", "VN", "Đảng bộ tỉnh Thái Bình"),
	PROVINCE("HY", "VN", "Đảng bộ tỉnh Hưng Yên"),
	PROVINCE("QN", "VN", "Đảng bộ tỉnh Quảng Ninh"),
	PROVINCE("BN", "VN", "Đảng bộ tỉnh Bắc Ninh"),
	PROVINCE("BG", "VN", "Đảng bộ tỉnh Bắc Giang"),
	PROVINCE("ND", "VN", "Đảng bộ tỉnh Nam Định"),
	PROVINCE("HNAM", "VN", "Đảng bộ tỉnh Hà Nam"),
	PROVINCE("NB", "VN", "Đảng bộ tỉnh Ninh Bình"),

	/* ---- Thái Bình, the demo province (seed 000) ------------------------ */
	AGENCY("TB.BTG", "TB", "Ban Tuyên giáo Tỉnh ủy Thái Bình"),
	AGENCY("TB.UBND", "TB", "Ủy ban nhân dân tỉnh Thái Bình"),

	DISTRICT("TB.TT", "TB", "Đảng bộ huyện Thái Thụy"),
	AGENCY("TB.TT.UBND", "TB.TT", "Ủy ban nhân dân huyện Thái Thụy"),
	MASS("TB.TT.MTTQ", "TB.TT", "Ủy ban Mặt trận Tổ quốc Việt Nam huyện Thái Thụy"),
	BASE("TB.TT.DIEM_DIEN", "TB.TT", "Đảng bộ thị trấn Diêm Điền", 10, 35),
	BASE("TB.TT.THUY_HAI", "TB.TT", "Đảng bộ xã Thụy Hải", 9, 31),
	BASE("TB.TT.THUY_TRUONG", "TB.TT", "Đảng bộ xã Thụy Trường", 10, 32),
	BASE("TB.TT.THUY_XUAN", "TB.TT", "Đảng bộ xã Thụy Xuân", 8, 30),
	BASE("TB.TT.THAI_THUONG", "TB.TT", "Đảng bộ xã Thái Thượng", 10, 33),
	BASE("TB.TT.THAI_NGUYEN", "TB.TT", "Đảng bộ xã Thái Nguyên", 8, 29),
	BASE("TB.TT.THAI_DO", "TB.TT", "Đảng bộ xã Thái Đô", 9, 32),
	BASE("TB.TT.THAI_XUYEN", "TB.TT", "Đảng bộ xã Thái Xuyên", 8, 30),

	DISTRICT("TB.TH", "TB", "Đảng bộ huyện Tiền Hải"),
	AGENCY("TB.TH.UBND", "TB.TH", "Ủy ban nhân dân huyện Tiền Hải"),
	MASS("TB.TH.MTTQ", "TB.TH", "Ủy ban Mặt trận Tổ quốc Việt Nam huyện Tiền Hải"),
	BASE("TB.TH.TIEN_HAI", "TB.TH", "Đảng bộ thị trấn Tiền Hải", 10, 34),
	BASE("TB.TH.VU_LANG", "TB.TH", "Đảng bộ xã Vũ Lăng", 9, 30),
	BASE("TB.TH.NAM_THINH", "TB.TH", "Đảng bộ xã Nam Thịnh", 10, 33),
	BASE("TB.TH.NAM_CHINH", "TB.TH", "Đảng bộ xã Nam Chính", 8, 29),
	BASE("TB.TH.DONG_HOANG", "TB.TH", "Đảng bộ xã Đông Hoàng", 9, 31),
	BASE("TB.TH.DONG_MINH", "TB.TH", "Đảng bộ xã Đông Minh", 8, 30),
	BASE("TB.TH.DONG_TRA", "TB.TH", "Đảng bộ xã Đông Trà", 8, 28),
	BASE("TB.TH.DONG_LONG", "TB.TH", "Đảng bộ xã Đông Long", 9, 30),

	DISTRICT("TB.KX", "TB", "Đảng bộ huyện Kiến Xương"),
	AGENCY("TB.KX.UBND", "TB.KX", "Ủy ban nhân dân huyện Kiến Xương"),
	MASS("TB.KX.MTTQ", "TB.KX", "Ủy ban Mặt trận Tổ quốc Việt Nam huyện Kiến Xương"),
	BASE("TB.KX.KIEN_XUONG", "TB.KX", "Đảng bộ thị trấn Kiến Xương", 10, 35),
	BASE("TB.KX.QUANG_TRUNG", "TB.KX", "Đảng bộ xã Quang Trung", 9, 31),
	BASE("TB.KX.NAM_BINH", "TB.KX", "Đảng bộ xã Nam Bình", 9, 32),	/* seed 000 */
	BASE("TB.KX.BINH_DINH", "TB.KX", "Đảng bộ xã Bình Định", 8, 30),
	BASE("TB.KX.THANH_TAN", "TB.KX", "Đảng bộ xã Thanh Tân", 10, 31),
	BASE("TB.KX.BINH_NGUYEN", "TB.KX", "Đảng bộ xã Bình Nguyên", 9, 33),
	BASE("TB.KX.VU_QUY", "TB.KX", "Đảng bộ xã Vũ Quý", 10, 34),
	BASE("TB.KX.VU_TRUNG", "TB.KX", "Đảng bộ xã Vũ Trung", 8, 29),

	/* ---- Hưng Yên before 2025 (the surviving province) ------------------ */
	AGENCY("HY.BTG", "HY", "Ban Tuyên giáo Tỉnh ủy Hưng Yên"),
	AGENCY("HY.UBND", "HY", "Ủy ban nhân dân tỉnh Hưng Yên"),

	DISTRICT("HY.TPHY", "HY", "Đảng bộ thành phố Hưng Yên"),
	BASE("HY.TPHY.LE_LOI", "HY.TPHY", "Đảng bộ phường Lê Lợi", 5, 26),
	BASE("HY.TPHY.MINH_KHAI", "HY.TPHY", "Đảng bộ phường Minh Khai", 4, 25),
	BASE("HY.TPHY.HIEN_NAM", "HY.TPHY", "Đảng bộ phường Hiến Nam", 4, 24),
	BASE("HY.TPHY.AN_TAO", "HY.TPHY", "Đảng bộ phường An Tảo", 4, 25),
	BASE("HY.TPHY.LAM_SON", "HY.TPHY", "Đảng bộ phường Lam Sơn", 4, 24),
	BASE("HY.TPHY.BAO_KHE", "HY.TPHY", "Đảng bộ xã Bảo Khê", 4, 25),

	DISTRICT("HY.KD", "HY", "Đảng bộ huyện Kim Động"),
	BASE("HY.KD.LUONG_BANG", "HY.KD", "Đảng bộ thị trấn Lương Bằng", 5, 27),
	BASE("HY.KD.CHINH_NGHIA", "HY.KD", "Đảng bộ xã Chính Nghĩa", 4, 25),
	BASE("HY.KD.TOAN_THANG", "HY.KD", "Đảng bộ xã Toàn Thắng", 4, 24),
	BASE("HY.KD.NGHIA_DAN", "HY.KD", "Đảng bộ xã Nghĩa Dân", 4, 25),

	DISTRICT("HY.TL", "HY", "Đảng bộ huyện Tiên Lữ"),
	BASE("HY.TL.VUONG", "HY.TL", "Đảng bộ thị trấn Vương", 5, 27),
	BASE("HY.TL.HUNG_DAO", "HY.TL", "Đảng bộ xã Hưng Đạo", 4, 25),
	BASE("HY.TL.NHAT_TAN", "HY.TL", "Đảng bộ xã Nhật Tân", 3, 24),
	BASE("HY.TL.THIEN_PHIEN", "HY.TL", "Đảng bộ xã Thiện Phiến", 4, 25),
	BASE("HY.TL.HAI_THANG", "HY.TL", "Đảng bộ xã Hải Thắng", 3, 25),

	/* ---- Quảng Ninh: huyện Hải Hà (seed 001) ---------------------------- */
	DISTRICT("QN.HH", "QN", "Đảng bộ huyện Hải Hà"),
	AGENCY("QN.HH.HDND", "QN.HH", "Hội đồng nhân dân huyện Hải Hà"),
	AGENCY("QN.HH.UBND", "QN.HH", "Ủy ban nhân dân huyện Hải Hà"),
	MASS("QN.HH.MTTQ", "QN.HH", "Ủy ban Mặt trận Tổ quốc Việt Nam huyện Hải Hà"),
	MASS("QN.HH.HLHPN", "QN.HH", "Hội Liên hiệp Phụ nữ huyện Hải Hà"),
	MASS("QN.HH.HUYEN_DOAN", "QN.HH", "Huyện đoàn Hải Hà"),
	MASS("QN.HH.HND", "QN.HH", "Hội Nông dân huyện Hải Hà"),
	MASS("QN.HH.HCCB", "QN.HH", "Hội Cựu chiến binh huyện Hải Hà"),
	MASS("QN.HH.LDLD", "QN.HH", "Liên đoàn Lao động huyện Hải Hà"),
	BASE("QN.HH.QUANG_HA", "QN.HH", "Đảng bộ thị trấn Quảng Hà", 10, 30),
	BASE("QN.HH.QUANG_MINH", "QN.HH", "Đảng bộ xã Quảng Minh", 7, 24),
	BASE("QN.HH.QUANG_CHINH", "QN.HH", "Đảng bộ xã Quảng Chính", 7, 22),
	BASE("QN.HH.QUANG_PHONG", "QN.HH", "Đảng bộ xã Quảng Phong", 6, 22),
	BASE("QN.HH.DUONG_HOA", "QN.HH", "Đảng bộ xã Đường Hoa", 7, 23),
	BASE("QN.HH.QUANG_SON", "QN.HH", "Đảng bộ xã Quảng Sơn", 6, 20),
	BASE("QN.HH.QUANG_THANH", "QN.HH", "Đảng bộ xã Quảng Thành", 6, 22),
	BASE("QN.HH.QUANG_DUC", "QN.HH", "Đảng bộ xã Quảng Đức", 6, 21),

	/* ---- Bắc Ninh: thị xã Quế Võ (seed 002) ----------------------------- */
	DISTRICT("BN.QV", "BN", "Đảng bộ thị xã Quế Võ"),
	BASE("BN.QV.PHO_MOI", "BN.QV", "Đảng bộ phường Phố Mới", 10, 30),
	BASE("BN.QV.BANG_AN", "BN.QV", "Đảng bộ phường Bằng An", 7, 26),
	BASE("BN.QV.VIET_HUNG", "BN.QV", "Đảng bộ phường Việt Hùng", 7, 25),
	BASE("BN.QV.PHUONG_LIEU", "BN.QV", "Đảng bộ phường Phương Liễu", 8, 27),
	BASE("BN.QV.PHUONG_MAO", "BN.QV", "Đảng bộ phường Phượng Mao", 7, 25),
	/* Chi Lăng: the real cell of thôn Quế Ổ plus generated cells for its
	 * other villages */
	BASE("BN.QV.CHI_LANG", "BN.QV", "Đảng bộ xã Chi Lăng", 7, 28),
	CELL("BN.QV.CHI_LANG.QUE_O", "BN.QV.CHI_LANG", "Chi bộ thôn Quế Ổ", 30),
	BASE("BN.QV.YEN_GIA", "BN.QV", "Đảng bộ xã Yên Giả", 6, 26),
	BASE("BN.QV.PHU_LANG", "BN.QV", "Đảng bộ xã Phù Lãng", 7, 25),
	BASE("BN.QV.DUC_LONG", "BN.QV", "Đảng bộ xã Đức Long", 6, 24),

	/* ---- Bắc Giang (merged into Bắc Ninh) ------------------------------- */
	DISTRICT("BG.TPBG", "BG", "Đảng bộ thành phố Bắc Giang"),
	BASE("BG.TPBG.TRAN_PHU", "BG.TPBG", "Đảng bộ phường Trần Phú", 5, 26),
	BASE("BG.TPBG.NGO_QUYEN", "BG.TPBG", "Đảng bộ phường Ngô Quyền", 4, 25),
	BASE("BG.TPBG.HOANG_VAN_THU", "BG.TPBG", "Đảng bộ phường Hoàng Văn Thụ", 4, 25),
	BASE("BG.TPBG.XUONG_GIANG", "BG.TPBG", "Đảng bộ phường Xương Giang", 4, 24),

	DISTRICT("BG.LG", "BG", "Đảng bộ huyện Lạng Giang"),
	BASE("BG.LG.VOI", "BG.LG", "Đảng bộ thị trấn Vôi", 5, 27),
	BASE("BG.LG.XUONG_LAM", "BG.LG", "Đảng bộ xã Xương Lâm", 4, 25),
	BASE("BG.LG.KEP", "BG.LG", "Đảng bộ thị trấn Kép", 4, 26),
	BASE("BG.LG.QUANG_THINH", "BG.LG", "Đảng bộ xã Quang Thịnh", 3, 24),

	DISTRICT("BG.YT", "BG", "Đảng bộ huyện Yên Thế"),
	BASE("BG.YT.PHON_XUONG", "BG.YT", "Đảng bộ thị trấn Phồn Xương", 5, 26),
	BASE("BG.YT.DONG_LAC", "BG.YT", "Đảng bộ xã Đồng Lạc", 3, 24),
	BASE("BG.YT.DONG_KY", "BG.YT", "Đảng bộ xã Đồng Kỳ", 4, 25),
	BASE("BG.YT.DONG_HUU", "BG.YT", "Đảng bộ xã Đồng Hưu", 3, 23),

	/* ---- Nam Định: the bloc of provincial agencies (seed 004) ----------- */
	DISTRICT("ND.KHOI", "ND", "Đảng bộ Khối các Cơ quan và Doanh nghiệp tỉnh Nam Định"),
	BASE("ND.KHOI.DIEN_LUC", "ND.KHOI", "Đảng bộ Công ty Điện lực Nam Định", 6, 22),
	/* chi bộ cơ sở: members directly under the unit (no generated cells) */
	BASE("ND.KHOI.STTTT", "ND.KHOI", "Chi bộ Sở Thông tin và Truyền thông", 0, 20),
	BASE("ND.KHOI.HLHPN", "ND.KHOI", "Chi bộ Cơ quan Hội Liên hiệp Phụ nữ tỉnh", 0, 25),
	BASE_ILLUS("ND.KHOI.SO_TC", "ND.KHOI", "Đảng bộ Sở Tài chính", 4, 14),
	BASE_ILLUS("ND.KHOI.SO_YT", "ND.KHOI", "Đảng bộ Sở Y tế", 4, 15),
	BASE_ILLUS("ND.KHOI.SO_GDDT", "ND.KHOI", "Đảng bộ Sở Giáo dục và Đào tạo", 4, 16),
	BASE_ILLUS("ND.KHOI.SO_KHDT", "ND.KHOI", "Chi bộ Sở Kế hoạch và Đầu tư", 0, 24),
	BASE_ILLUS("ND.KHOI.SO_NN", "ND.KHOI",
	    "Đảng bộ Sở Nông nghiệp và Phát triển nông thôn", 6, 18),
	BASE_ILLUS("ND.KHOI.SO_TP", "ND.KHOI", "Chi bộ Sở Tư pháp", 0, 22),
	BASE_ILLUS("ND.KHOI.KBNN", "ND.KHOI", "Đảng bộ Kho bạc Nhà nước Nam Định", 5, 14),
	BASE_ILLUS("ND.KHOI.BHXH", "ND.KHOI", "Đảng bộ Bảo hiểm xã hội tỉnh Nam Định", 6, 15),
	BASE_ILLUS("ND.KHOI.NHNN", "ND.KHOI",
	    "Chi bộ Ngân hàng Nhà nước Chi nhánh tỉnh Nam Định", 0, 25),
	BASE_ILLUS("ND.KHOI.AGRIBANK", "ND.KHOI",
	    "Đảng bộ Ngân hàng Nông nghiệp và Phát triển nông thôn Chi nhánh tỉnh Nam Định",
	    6, 20),
	BASE_ILLUS("ND.KHOI.DET_MAY", "ND.KHOI",
	    "Đảng bộ Tổng Công ty Cổ phần Dệt may Nam Định", 6, 22),
	/* "Năm 2022, Đảng bộ Khối phát triển 1 tổ chức cơ sở đảng trong các đơn
	 * vị kinh tế tư nhân": the company is invented, and so is the date */
	{ "ND.KHOI.CTY_TU_NHAN", "ND.KHOI", "base_committee",
	    "Chi bộ Công ty TNHH Thương mại Thành Nam", "2022-09-15", 0, 5, NOTE_ILLUS },
	MASS("ND.HLHPN", "ND", "Hội Liên hiệp Phụ nữ tỉnh Nam Định"),

	DISTRICT("ND.TPND", "ND", "Đảng bộ thành phố Nam Định"),
	BASE("ND.TPND.TRAN_HUNG_DAO", "ND.TPND", "Đảng bộ phường Trần Hưng Đạo", 5, 26),
	BASE("ND.TPND.CUA_BAC", "ND.TPND", "Đảng bộ phường Cửa Bắc", 5, 26),
	BASE("ND.TPND.NANG_TINH", "ND.TPND", "Đảng bộ phường Năng Tĩnh", 5, 26),
	BASE("ND.TPND.VI_XUYEN", "ND.TPND", "Đảng bộ phường Vị Xuyên", 5, 26),

	DISTRICT("ND.HH", "ND", "Đảng bộ huyện Hải Hậu"),
	BASE("ND.HH.YEN_DINH", "ND.HH", "Đảng bộ thị trấn Yên Định", 5, 28),
	BASE("ND.HH.HAI_TRUNG", "ND.HH", "Đảng bộ xã Hải Trung", 4, 25),
	BASE("ND.HH.HAI_LONG", "ND.HH", "Đảng bộ xã Hải Long", 4, 25),

	/* ---- Hà Nam (merged into Ninh Bình) --------------------------------- */
	DISTRICT("HNAM.PL", "HNAM", "Đảng bộ thành phố Phủ Lý"),
	BASE("HNAM.PL.LE_HONG_PHONG", "HNAM.PL", "Đảng bộ phường Lê Hồng Phong", 5, 25),
	BASE("HNAM.PL.PHU_VAN", "HNAM.PL", "Đảng bộ xã Phù Vân", 4, 24),
	BASE("HNAM.PL.KIM_BINH", "HNAM.PL", "Đảng bộ xã Kim Bình", 3, 24),

	DISTRICT("HNAM.LN", "HNAM", "Đảng bộ huyện Lý Nhân"),
	BASE("HNAM.LN.VINH_TRU", "HNAM.LN", "Đảng bộ thị trấn Vĩnh Trụ", 5, 26),
	BASE("HNAM.LN.NHAN_CHINH", "HNAM.LN", "Đảng bộ xã Nhân Chính", 4, 25),
	BASE("HNAM.LN.HOA_HAU", "HNAM.LN", "Đảng bộ xã Hòa Hậu", 4, 27),
	BASE("HNAM.LN.PHU_PHUC", "HNAM.LN", "Đảng bộ xã Phú Phúc", 3, 24),

	DISTRICT("HNAM.BL", "HNAM", "Đảng bộ huyện Bình Lục"),
	BASE("HNAM.BL.BINH_MY", "HNAM.BL", "Đảng bộ thị trấn Bình Mỹ", 5, 26),
	BASE("HNAM.BL.DON_XA", "HNAM.BL", "Đảng bộ xã Đồn Xá", 4, 24),
	BASE("HNAM.BL.LA_SON", "HNAM.BL", "Đảng bộ xã La Sơn", 3, 23),

	/* ---- Ninh Bình before 2025 (the surviving province) ----------------- */
	MASS("NB.HLHPN", "NB", "Hội Liên hiệp Phụ nữ tỉnh Ninh Bình"),

	DISTRICT("NB.TPNB", "NB", "Đảng bộ thành phố Ninh Bình"),	/* Hoa Lư from 2025 */
	BASE("NB.TPNB.DONG_THANH", "NB.TPNB", "Đảng bộ phường Đông Thành", 5, 26),
	BASE("NB.TPNB.VAN_GIANG", "NB.TPNB", "Đảng bộ phường Vân Giang", 4, 25),
	BASE("NB.TPNB.NINH_KHANH", "NB.TPNB", "Đảng bộ phường Ninh Khánh", 4, 25),
	BASE("NB.TPNB.BICH_DAO", "NB.TPNB", "Đảng bộ phường Bích Đào", 4, 24),

	DISTRICT("NB.TD", "NB", "Đảng bộ thành phố Tam Điệp"),
	BASE("NB.TD.BAC_SON", "NB.TD", "Đảng bộ phường Bắc Sơn", 4, 25),
	BASE("NB.TD.TAY_SON", "NB.TD", "Đảng bộ phường Tây Sơn", 4, 24),
	BASE("NB.TD.QUANG_SON", "NB.TD", "Đảng bộ xã Quang Sơn", 3, 23),
	BASE("NB.TD.TRUNG_SON", "NB.TD", "Đảng bộ phường Trung Sơn", 4, 25),
	BASE("NB.TD.NAM_SON", "NB.TD", "Đảng bộ phường Nam Sơn", 4, 24),

	DISTRICT("NB.KS", "NB", "Đảng bộ huyện Kim Sơn"),
	BASE("NB.KS.PHAT_DIEM", "NB.KS", "Đảng bộ thị trấn Phát Diệm", 5, 27),
	BASE("NB.KS.THUONG_KIEM", "NB.KS", "Đảng bộ xã Thượng Kiệm", 4, 25),
	BASE("NB.KS.KIM_CHINH", "NB.KS", "Đảng bộ xã Kim Chính", 4, 24),
	BASE("NB.KS.BINH_MINH", "NB.KS", "Đảng bộ thị trấn Bình Minh", 4, 26),
	BASE("NB.KS.CON_THOI", "NB.KS", "Đảng bộ xã Cồn Thoi", 3, 24),
	BASE("NB.KS.KIM_MY", "NB.KS", "Đảng bộ xã Kim Mỹ", 3, 23),

	/* ---- Created on 1/7/2025: tỉnh Hưng Yên (with former Thái Bình) ----- */
	NEW_AGENCY("HY.BTGDV", "HY", "Ban Tuyên giáo và Dân vận Tỉnh ủy Hưng Yên"),
	NEW_BASE("HY.THAI_THUY", "HY", "Đảng bộ xã Thái Thụy"),
	NEW_BASE("HY.DONG_THUY_ANH", "HY", "Đảng bộ xã Đông Thụy Anh"),
	NEW_BASE("HY.THAI_NINH", "HY", "Đảng bộ xã Thái Ninh"),
	NEW_BASE("HY.DONG_THAI_NINH", "HY", "Đảng bộ xã Đông Thái Ninh"),
	NEW_BASE("HY.TIEN_HAI", "HY", "Đảng bộ xã Tiền Hải"),
	NEW_BASE("HY.NAM_CUONG", "HY", "Đảng bộ xã Nam Cường"),
	NEW_BASE("HY.DONG_CHAU", "HY", "Đảng bộ xã Đồng Châu"),
	NEW_BASE("HY.DONG_TIEN_HAI", "HY", "Đảng bộ xã Đông Tiền Hải"),
	NEW_BASE("HY.KIEN_XUONG", "HY", "Đảng bộ xã Kiến Xương"),
	NEW_BASE("HY.BINH_DINH", "HY", "Đảng bộ xã Bình Định"),
	NEW_BASE("HY.BINH_NGUYEN", "HY", "Đảng bộ xã Bình Nguyên"),
	NEW_BASE("HY.VU_QUY", "HY", "Đảng bộ xã Vũ Quý"),
	NEW_BASE("HY.PHO_HIEN", "HY", "Đảng bộ phường Phố Hiến"),
	NEW_BASE("HY.SON_NAM", "HY", "Đảng bộ phường Sơn Nam"),
	NEW_BASE("HY.LUONG_BANG", "HY", "Đảng bộ xã Lương Bằng"),
	NEW_BASE("HY.NGHIA_DAN", "HY", "Đảng bộ xã Nghĩa Dân"),
	NEW_BASE("HY.HOANG_HOA_THAM", "HY", "Đảng bộ xã Hoàng Hoa Thám"),
	NEW_BASE("HY.TIEN_LU", "HY", "Đảng bộ xã Tiên Lữ"),

	/* ---- Created on 1/7/2025: Quảng Ninh (province unchanged) ----------- */
	NEW_BASE("QN.QUANG_HA", "QN", "Đảng bộ xã Quảng Hà"),
	NEW_BASE("QN.DUONG_HOA", "QN", "Đảng bộ xã Đường Hoa"),
	NEW_BASE("QN.QUANG_DUC", "QN", "Đảng bộ xã Quảng Đức"),

	/* ---- Created on 1/7/2025: tỉnh Bắc Ninh (with former Bắc Giang) ----- */
	NEW_BASE("BN.QUE_VO", "BN", "Đảng bộ phường Quế Võ"),
	NEW_BASE("BN.PHUONG_LIEU", "BN", "Đảng bộ phường Phương Liễu"),
	NEW_BASE("BN.CHI_LANG", "BN", "Đảng bộ xã Chi Lăng"),
	NEW_BASE("BN.PHU_LANG", "BN", "Đảng bộ xã Phù Lãng"),
	NEW_BASE("BN.BAC_GIANG", "BN", "Đảng bộ phường Bắc Giang"),
	NEW_BASE("BN.LANG_GIANG", "BN", "Đảng bộ xã Lạng Giang"),
	NEW_BASE("BN.KEP", "BN", "Đảng bộ xã Kép"),
	NEW_BASE("BN.YEN_THE", "BN", "Đảng bộ xã Yên Thế"),
	NEW_BASE("BN.DONG_KY", "BN", "Đảng bộ xã Đồng Kỳ"),

	/* ---- Created on 1/7/2025: tỉnh Ninh Bình (with Hà Nam, Nam Định) ---- */
	NEW_DISTRICT("NB.UBND", "NB", "Đảng bộ Ủy ban nhân dân tỉnh Ninh Bình"),
	NEW_DISTRICT("NB.CQD", "NB", "Đảng bộ các cơ quan Đảng tỉnh Ninh Bình"),
	NEW_BASE("NB.NAM_DINH", "NB", "Đảng bộ phường Nam Định"),
	NEW_BASE("NB.HAI_HAU", "NB", "Đảng bộ xã Hải Hậu"),
	NEW_BASE("NB.PHU_VAN", "NB", "Đảng bộ phường Phù Vân"),
	NEW_BASE("NB.VINH_TRU", "NB", "Đảng bộ xã Vĩnh Trụ"),
	NEW_BASE("NB.NAM_LY", "NB", "Đảng bộ xã Nam Lý"),
	NEW_BASE("NB.BINH_MY", "NB", "Đảng bộ xã Bình Mỹ"),
	NEW_BASE("NB.HOA_LU", "NB", "Đảng bộ phường Hoa Lư"),
	NEW_BASE("NB.TAM_DIEP", "NB", "Đảng bộ phường Tam Điệp"),
	NEW_BASE("NB.TRUNG_SON", "NB", "Đảng bộ phường Trung Sơn"),
	NEW_BASE("NB.PHAT_DIEM", "NB", "Đảng bộ xã Phát Diệm"),
	NEW_BASE("NB.BINH_MINH", "NB", "Đảng bộ xã Bình Minh"),
};

const int demo_norgs = NELEM(demo_orgs);

#define MERGE(c, t) { DEMO_REORG_DATE, DEMO_MERGE, c, t, NULL }
#define CLOSE(c) { DEMO_REORG_DATE, DEMO_CLOSE, c, NULL, NULL }
#define MOVE(c, t) { DEMO_REORG_DATE, DEMO_MOVE, c, t, NULL }

const struct demo_event demo_events[] = {
	/* NQ 1318/NQ-UBTVQH15: thành phố Ninh Bình and huyện Hoa Lư became
	 * thành phố Hoa Lư (huyện Hoa Lư is not in the demo tree) */
	{ "2025-01-01", DEMO_RENAME, "NB.TPNB", NULL, "Đảng bộ thành phố Hoa Lư" },

	/* ---- Thái Bình → Hưng Yên ------------------------------------------- */
	MERGE("TB.TT.DIEM_DIEN", "HY.THAI_THUY"),
	MERGE("TB.TT.THUY_HAI", "HY.THAI_THUY"),
	MERGE("TB.TT.THUY_TRUONG", "HY.DONG_THUY_ANH"),
	MERGE("TB.TT.THUY_XUAN", "HY.DONG_THUY_ANH"),
	MERGE("TB.TT.THAI_THUONG", "HY.THAI_NINH"),
	MERGE("TB.TT.THAI_NGUYEN", "HY.THAI_NINH"),
	MERGE("TB.TT.THAI_DO", "HY.DONG_THAI_NINH"),
	MERGE("TB.TT.THAI_XUYEN", "HY.DONG_THAI_NINH"),
	CLOSE("TB.TT.UBND"),
	CLOSE("TB.TT.MTTQ"),
	CLOSE("TB.TT"),

	MERGE("TB.TH.TIEN_HAI", "HY.TIEN_HAI"),
	MERGE("TB.TH.VU_LANG", "HY.TIEN_HAI"),
	MERGE("TB.TH.NAM_THINH", "HY.NAM_CUONG"),
	MERGE("TB.TH.NAM_CHINH", "HY.NAM_CUONG"),
	MERGE("TB.TH.DONG_HOANG", "HY.DONG_CHAU"),
	MERGE("TB.TH.DONG_MINH", "HY.DONG_CHAU"),
	MERGE("TB.TH.DONG_TRA", "HY.DONG_TIEN_HAI"),
	MERGE("TB.TH.DONG_LONG", "HY.DONG_TIEN_HAI"),
	CLOSE("TB.TH.UBND"),
	CLOSE("TB.TH.MTTQ"),
	CLOSE("TB.TH"),

	MERGE("TB.KX.KIEN_XUONG", "HY.KIEN_XUONG"),
	MERGE("TB.KX.QUANG_TRUNG", "HY.KIEN_XUONG"),
	MERGE("TB.KX.NAM_BINH", "HY.BINH_DINH"),
	MERGE("TB.KX.BINH_DINH", "HY.BINH_DINH"),
	MERGE("TB.KX.THANH_TAN", "HY.BINH_NGUYEN"),
	MERGE("TB.KX.BINH_NGUYEN", "HY.BINH_NGUYEN"),
	MERGE("TB.KX.VU_QUY", "HY.VU_QUY"),
	MERGE("TB.KX.VU_TRUNG", "HY.VU_QUY"),
	CLOSE("TB.KX.UBND"),
	CLOSE("TB.KX.MTTQ"),
	CLOSE("TB.KX"),

	MERGE("HY.TPHY.LE_LOI", "HY.PHO_HIEN"),
	MERGE("HY.TPHY.MINH_KHAI", "HY.PHO_HIEN"),
	MERGE("HY.TPHY.HIEN_NAM", "HY.PHO_HIEN"),
	MERGE("HY.TPHY.AN_TAO", "HY.PHO_HIEN"),
	MERGE("HY.TPHY.LAM_SON", "HY.SON_NAM"),
	MERGE("HY.TPHY.BAO_KHE", "HY.SON_NAM"),
	CLOSE("HY.TPHY"),
	MERGE("HY.KD.LUONG_BANG", "HY.LUONG_BANG"),
	MERGE("HY.KD.CHINH_NGHIA", "HY.LUONG_BANG"),
	MERGE("HY.KD.TOAN_THANG", "HY.NGHIA_DAN"),
	MERGE("HY.KD.NGHIA_DAN", "HY.NGHIA_DAN"),
	CLOSE("HY.KD"),
	MERGE("HY.TL.VUONG", "HY.HOANG_HOA_THAM"),
	MERGE("HY.TL.HUNG_DAO", "HY.HOANG_HOA_THAM"),
	MERGE("HY.TL.NHAT_TAN", "HY.HOANG_HOA_THAM"),
	MERGE("HY.TL.THIEN_PHIEN", "HY.TIEN_LU"),
	MERGE("HY.TL.HAI_THANG", "HY.TIEN_LU"),
	CLOSE("HY.TL"),

	/* the two propaganda departments become the new province's one; the
	 * people's committees of the two provinces become one */
	MERGE("TB.BTG", "HY.BTGDV"),
	MERGE("HY.BTG", "HY.BTGDV"),
	MERGE("TB.UBND", "HY.UBND"),
	MERGE("TB", "HY"),

	/* ---- Quảng Ninh: huyện Hải Hà ---------------------------------------- */
	MERGE("QN.HH.QUANG_HA", "QN.QUANG_HA"),
	MERGE("QN.HH.QUANG_MINH", "QN.QUANG_HA"),
	MERGE("QN.HH.QUANG_CHINH", "QN.QUANG_HA"),
	MERGE("QN.HH.QUANG_PHONG", "QN.QUANG_HA"),
	MERGE("QN.HH.DUONG_HOA", "QN.DUONG_HOA"),
	MERGE("QN.HH.QUANG_SON", "QN.DUONG_HOA"),
	MERGE("QN.HH.QUANG_THANH", "QN.QUANG_DUC"),
	MERGE("QN.HH.QUANG_DUC", "QN.QUANG_DUC"),
	/* the district's council, people's committee and mass organisations
	 * ceased with the district level */
	CLOSE("QN.HH.HDND"),
	CLOSE("QN.HH.UBND"),
	CLOSE("QN.HH.MTTQ"),
	CLOSE("QN.HH.HLHPN"),
	CLOSE("QN.HH.HUYEN_DOAN"),
	CLOSE("QN.HH.HND"),
	CLOSE("QN.HH.HCCB"),
	CLOSE("QN.HH.LDLD"),
	CLOSE("QN.HH"),

	/* ---- Bắc Ninh: thị xã Quế Võ ----------------------------------------- */
	MERGE("BN.QV.PHO_MOI", "BN.QUE_VO"),
	MERGE("BN.QV.BANG_AN", "BN.QUE_VO"),
	MERGE("BN.QV.VIET_HUNG", "BN.QUE_VO"),
	MERGE("BN.QV.PHUONG_LIEU", "BN.PHUONG_LIEU"),
	MERGE("BN.QV.PHUONG_MAO", "BN.PHUONG_LIEU"),
	MERGE("BN.QV.CHI_LANG", "BN.CHI_LANG"),	/* Chi bộ thôn Quế Ổ moves along */
	MERGE("BN.QV.YEN_GIA", "BN.CHI_LANG"),
	MERGE("BN.QV.PHU_LANG", "BN.PHU_LANG"),
	MERGE("BN.QV.DUC_LONG", "BN.PHU_LANG"),
	CLOSE("BN.QV"),

	/* ---- Bắc Giang → Bắc Ninh ------------------------------------------- */
	MERGE("BG.TPBG.TRAN_PHU", "BN.BAC_GIANG"),
	MERGE("BG.TPBG.NGO_QUYEN", "BN.BAC_GIANG"),
	MERGE("BG.TPBG.HOANG_VAN_THU", "BN.BAC_GIANG"),
	MERGE("BG.TPBG.XUONG_GIANG", "BN.BAC_GIANG"),
	CLOSE("BG.TPBG"),
	MERGE("BG.LG.VOI", "BN.LANG_GIANG"),
	MERGE("BG.LG.XUONG_LAM", "BN.LANG_GIANG"),
	MERGE("BG.LG.KEP", "BN.KEP"),
	MERGE("BG.LG.QUANG_THINH", "BN.KEP"),
	CLOSE("BG.LG"),
	MERGE("BG.YT.PHON_XUONG", "BN.YEN_THE"),
	MERGE("BG.YT.DONG_LAC", "BN.YEN_THE"),
	MERGE("BG.YT.DONG_KY", "BN.DONG_KY"),
	MERGE("BG.YT.DONG_HUU", "BN.DONG_KY"),
	CLOSE("BG.YT"),
	MERGE("BG", "BN"),

	/* ---- Nam Định, Hà Nam → Ninh Bình ----------------------------------- */
	MERGE("ND.TPND.TRAN_HUNG_DAO", "NB.NAM_DINH"),
	MERGE("ND.TPND.CUA_BAC", "NB.NAM_DINH"),
	MERGE("ND.TPND.NANG_TINH", "NB.NAM_DINH"),
	MERGE("ND.TPND.VI_XUYEN", "NB.NAM_DINH"),
	CLOSE("ND.TPND"),
	MERGE("ND.HH.YEN_DINH", "NB.HAI_HAU"),
	MERGE("ND.HH.HAI_TRUNG", "NB.HAI_HAU"),
	MERGE("ND.HH.HAI_LONG", "NB.HAI_HAU"),
	CLOSE("ND.HH"),
	/* blocs were abolished: the mass organisations' party cells went to the
	 * Party agencies' committee, the rest to the people's committee's */
	MOVE("ND.KHOI.HLHPN", "NB.CQD"),
	MERGE("ND.KHOI", "NB.UBND"),
	MERGE("ND.HLHPN", "NB.HLHPN"),
	MERGE("ND", "NB"),

	MERGE("HNAM.PL.LE_HONG_PHONG", "NB.PHU_VAN"),
	MERGE("HNAM.PL.PHU_VAN", "NB.PHU_VAN"),
	MERGE("HNAM.PL.KIM_BINH", "NB.PHU_VAN"),
	CLOSE("HNAM.PL"),
	MERGE("HNAM.LN.VINH_TRU", "NB.VINH_TRU"),
	MERGE("HNAM.LN.NHAN_CHINH", "NB.VINH_TRU"),
	MERGE("HNAM.LN.HOA_HAU", "NB.NAM_LY"),
	MERGE("HNAM.LN.PHU_PHUC", "NB.NAM_LY"),
	CLOSE("HNAM.LN"),
	MERGE("HNAM.BL.BINH_MY", "NB.BINH_MY"),
	MERGE("HNAM.BL.DON_XA", "NB.BINH_MY"),
	MERGE("HNAM.BL.LA_SON", "NB.BINH_MY"),
	CLOSE("HNAM.BL"),
	MERGE("HNAM", "NB"),

	MERGE("NB.TPNB.DONG_THANH", "NB.HOA_LU"),
	MERGE("NB.TPNB.VAN_GIANG", "NB.HOA_LU"),
	MERGE("NB.TPNB.NINH_KHANH", "NB.HOA_LU"),
	MERGE("NB.TPNB.BICH_DAO", "NB.HOA_LU"),
	CLOSE("NB.TPNB"),
	MERGE("NB.TD.BAC_SON", "NB.TAM_DIEP"),
	MERGE("NB.TD.TAY_SON", "NB.TAM_DIEP"),
	MERGE("NB.TD.QUANG_SON", "NB.TAM_DIEP"),
	MERGE("NB.TD.TRUNG_SON", "NB.TRUNG_SON"),
	MERGE("NB.TD.NAM_SON", "NB.TRUNG_SON"),
	CLOSE("NB.TD"),
	MERGE("NB.KS.PHAT_DIEM", "NB.PHAT_DIEM"),
	MERGE("NB.KS.THUONG_KIEM", "NB.PHAT_DIEM"),
	MERGE("NB.KS.KIM_CHINH", "NB.PHAT_DIEM"),
	MERGE("NB.KS.BINH_MINH", "NB.BINH_MINH"),
	MERGE("NB.KS.CON_THOI", "NB.BINH_MINH"),
	MERGE("NB.KS.KIM_MY", "NB.BINH_MINH"),
	CLOSE("NB.KS"),
};

const int demo_nevents = NELEM(demo_events);

/* The officials the seeds name, with the post as the article gives it and
 * nothing more.  Gender only where the article says "Ông". */
const struct demo_person demo_people[] = {
	{ "Đỗ Văn Hiện", "TB.TT", "Phó Bí thư thường trực Huyện ủy Thái Thụy",
	    NULL, 1, 0, "000" },
	{ "Hoàng Văn Túy", "TB.TH", "Phó Bí thư thường trực Huyện ủy Tiền Hải",
	    NULL, 1, 0, "000" },
	{ "Lưu Văn Thường", "QN.HH",
	    "Phó Bí thư Thường trực Huyện ủy, Chủ tịch HĐND huyện Hải Hà",
	    NULL, 1, 0, "001" },
	{ "Nguyễn Văn Sáng", "BN.QV.CHI_LANG.QUE_O",
	    "Bí thư Chi bộ thôn Quế Ổ, xã Chi Lăng", "male", 1, 1, "002" },
	{ "Nguyễn Khắc Bốn", "BN.QV.PHO_MOI", "Bí thư Đảng ủy phường Phố Mới",
	    NULL, 1, 1, "002" },
	{ "Nguyễn Đức Lợi", "BN.QV", "Phó Bí thư Thường trực Thị ủy Quế Võ",
	    NULL, 1, 0, "002" },
	{ "Vũ Hữu Thi", "ND.KHOI",
	    "Tỉnh ủy viên, Bí thư Đảng ủy Khối các Cơ quan và Doanh nghiệp tỉnh",
	    NULL, 1, 1, "004" },
};

const int demo_npeople = NELEM(demo_people);

/* Demo log-ins.  None is linked to a real person: the member account uses
 * the first generated member of the Quế Ổ cell. */
const struct demo_account demo_accounts[] = {
	{ "admin", "admin", "VN", "Quản trị hệ thống", NULL },
	{ "tw.tuyengiao", "staff", "VN", "Ban Tuyên giáo Trung ương (minh họa)", NULL },
	{ "hungyen.tuyengiao", "staff", "HY",
	    "Cán bộ Ban Tuyên giáo và Dân vận Tỉnh ủy Hưng Yên (minh họa)", NULL },
	{ "bacninh.tuyengiao", "staff", "BN",
	    "Cán bộ Ban Tuyên giáo Tỉnh ủy Bắc Ninh (minh họa)", NULL },
	{ "haiha.tuyengiao", "staff", "QN.HH",
	    "Cán bộ Ban Tuyên giáo Huyện ủy Hải Hà (minh họa)", NULL },
	{ "bithu.queo", "secretary", "BN.QV.CHI_LANG.QUE_O",
	    "Tài khoản bí thư Chi bộ thôn Quế Ổ (minh họa)", NULL },
	{ "dangvien.queo", "member", "BN.QV.CHI_LANG.QUE_O",
	    "Đảng viên Chi bộ thôn Quế Ổ (minh họa)", "gen:BN.QV.CHI_LANG.QUE_O" },
	{ "lanhdao.hungyen", "viewer", "HY", "Lãnh đạo Tỉnh ủy Hưng Yên (minh họa)", NULL },
};

const int demo_naccounts = NELEM(demo_accounts);
