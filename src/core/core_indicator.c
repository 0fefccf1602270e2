/*
 * core_indicator.c — the figures of SPEC §4, each described once: its name,
 * whether it is a rate (Σ numerator ÷ Σ denominator over a unit's whole
 * subtree, never an average of the children's rates) or a count, its labels,
 * the seed sentence it reproduces, and the rule of what is counted.  The
 * store computes them (store_indicator.c); the API serves them.
 */
#include <string.h>

#include "core/core.h"

const struct indicator indicators[IND__MAX] = {
	[IND_PLANS] = { "committees_with_plan", IK_RATE,
	    "Cấp ủy có kế hoạch thực hiện", "Committees with a plan", "000, 001",
	    "Cấp ủy tỉnh, huyện, cơ sở có kế hoạch năm ÷ số cấp ủy hoạt động trong năm",
	    "Province, district and base committees with a plan for the year ÷ committees open during the year", 1,
	    "orgs", RES_ORG },
	[IND_PLEDGE_RATE] = { "member_pledge_rate", IK_RATE,
	    "Đảng viên đăng ký làm theo", "Members with a pledge", "003",
	    "Đảng viên đang sinh hoạt, vào Đảng đến 31/12 của năm, có bản đăng ký cá nhân ÷ số đảng viên đó",
	    "Active party members who had joined by 31/12 with a personal pledge ÷ those members", 1,
	    "people", RES_PERSON },
	[IND_KEY_PLEDGE_RATE] = { "key_cadre_pledge_rate", IK_RATE,
	    "Cán bộ chủ chốt, người đứng đầu đăng ký làm theo", "Key cadres and heads with a pledge",
	    "001, 003",
	    "Như trên, chỉ cán bộ chủ chốt và người đứng đầu",
	    "As above, key cadres and heads only", 1,
	    "people", RES_PERSON },
	[IND_PLEDGES_FILED] = { "pledges_filed", IK_COUNT,
	    "Bản đăng ký làm theo", "Pledges filed", "000",
	    "Số bản đăng ký của năm: cá nhân (phần 1) và tập thể (phần 2)",
	    "Pledges of the year: individual (part 1) and collective (part 2)", 1,
	    "pledges", RES_PLEDGE },
	[IND_PLEDGES_DONE] = { "pledges_completed", IK_RATE,
	    "Bản đăng ký hoàn thành", "Pledges completed", "001",
	    "Bản đăng ký đến hạn trong năm được đánh giá hoàn thành ÷ bản đăng ký đến hạn trong năm",
	    "Pledges due in the year judged done ÷ pledges due in the year", 1,
	    "pledges", RES_PLEDGE },
	[IND_CELLS_TOPIC] = { "cells_topic_in_meetings", IK_RATE,
	    "Chi bộ đưa nội dung học tập và làm theo Bác vào sinh hoạt định kỳ",
	    "Cells with the topic in regular meetings", "003",
	    "Chi bộ có ít nhất một kỳ sinh hoạt định kỳ có nội dung chuyên đề trong năm ÷ chi bộ hoạt động trong năm",
	    "Cells with at least one regular meeting with the topic in the year ÷ cells open during the year", 1,
	    "orgs", RES_ORG },
	[IND_CONFERENCES] = { "conferences", IK_COUNT,
	    "Hội nghị học tập, quán triệt", "Study conferences", "001",
	    "Số hội nghị (phần 1) và lượt người dự: điểm danh cộng khách mời (phần 2)",
	    "Conferences (part 1) and attendances: checked-in plus others (part 2)", 1,
	    "activities", RES_ACTIVITY },
	[IND_CONCERNS] = { "concerns_resolved", IK_RATE,
	    "Vấn đề bức xúc, nổi cộm được giải quyết", "Pressing issues resolved", "003",
	    "Vấn đề lựa chọn trong năm đã giải quyết dứt điểm ÷ vấn đề lựa chọn trong năm",
	    "Issues selected in the year now resolved ÷ issues selected in the year", 1,
	    "concerns", RES_CONCERN },
	[IND_EXEMPLARS] = { "exemplars", IK_COUNT,
	    "Mô hình, điển hình đăng ký", "Exemplars registered", "001",
	    "Tập thể (phần 1), cá nhân (phần 2), được khen thưởng (phần 3), được nhân rộng (phần 4)",
	    "Collective (part 1), individual (part 2), commended (part 3), replicated (part 4)", 1,
	    "exemplars", RES_EXEMPLAR },
	[IND_INSPECTIONS] = { "inspections", IK_COUNT,
	    "Cuộc kiểm tra, giám sát", "Inspections and supervisions", "001",
	    "Kiểm tra (phần 1), giám sát chuyên đề (phần 2), tự kiểm tra (phần 3)",
	    "Inspections (part 1), thematic supervisions (part 2), self-inspections (part 3)", 1,
	    "inspections", RES_INSPECTION },
	[IND_DIALOGUES] = { "dialogues", IK_COUNT,
	    "Tiếp công dân, đối thoại, tiếp xúc cử tri", "Receptions, dialogues, voter contacts", "001",
	    "Tiếp công dân (phần 1), đối thoại (phần 2), tiếp xúc cử tri (phần 3)",
	    "Citizen receptions (part 1), dialogues (part 2), voter contacts (part 3)", 1,
	    "activities", RES_ACTIVITY },
	[IND_PETITIONS] = { "petitions_handled", IK_RATE,
	    "Đơn thư giải quyết đúng thẩm quyền", "Petitions handled", "000, 002",
	    "Đơn thuộc thẩm quyền tiếp nhận trong năm đã giải quyết ÷ đơn thuộc thẩm quyền tiếp nhận trong năm",
	    "Petitions within competence received in the year and resolved ÷ those received", 1,
	    "petitions", RES_PETITION },
	[IND_ORGS_GOOD] = { "orgs_good_or_better", IK_RATE,
	    "Tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên", "Base organisations good or better",
	    "004",
	    "Tổ chức cơ sở đảng xếp loại xuất sắc hoặc tốt ÷ tổ chức cơ sở đảng được xếp loại",
	    "Base organisations rated excellent or good ÷ base organisations rated", 2,
	    "evaluations", RES_EVALUATION },
	[IND_MEMBERS_GOOD] = { "members_good_or_better", IK_RATE,
	    "Đảng viên hoàn thành tốt nhiệm vụ trở lên", "Members good or better", "004",
	    "Đảng viên xếp loại xuất sắc hoặc tốt ÷ đảng viên được xếp loại",
	    "Members rated excellent or good ÷ members rated", 2,
	    "evaluations", RES_EVALUATION },
	[IND_MASS_STRONG] = { "mass_orgs_strong", IK_RATE,
	    "Đoàn thể vững mạnh", "Mass organisations strong", "004",
	    "Đoàn thể xếp loại vững mạnh ÷ đoàn thể được xếp loại",
	    "Mass organisations rated strong ÷ mass organisations rated", 1,
	    "evaluations", RES_EVALUATION },
	/*
	 * Hidden (not shown, not served by name): counts kept only so that
	 * another view reads one row where it scanned the year's records.  A
	 * check's count is kept in a part, with num 0, so that only the units
	 * where the check finds something have a row (store_quality.c walks
	 * those rows to list the records).
	 */
	[IND_YEAR_UNITS] = { "_year_units", IK_COUNT, "", "", "", "",
	    "Party organisations open in the year (num), submitted or approved (part 1), "
	    "approved (part 2)", 0, "orgs", RES_YEAR_REPORT },
	[IND_CELL_MEETINGS] = { "_cell_meetings", IK_COUNT, "", "", "", "",
	    "Cell meetings of the year", 0, "activities", RES_ACTIVITY },
	[IND_ACTIVITY_CHECKS] = { "_activity_checks", IK_COUNT, "", "", "", "",
	    "Quality: attendance over members (part 1)", 0, "activities", RES_ACTIVITY },
	[IND_PLEDGE_CHECKS] = { "_pledge_checks", IK_COUNT, "", "", "", "",
	    "Quality: check-in after verdict, due before filed, duplicate (parts 1-3)", 0,
	    "pledges", RES_PLEDGE },
	[IND_UNIT_CHECKS] = { "_unit_checks", IK_COUNT, "", "", "", "",
	    "Quality: cell without meeting, committee without plan (parts 1-2)", 0,
	    "orgs", RES_ORG },
	[IND_EVALUATION_CHECKS] = { "_evaluation_checks", IK_COUNT, "", "", "", "",
	    "Quality: a member's rating of a non-member (part 1)", 0,
	    "evaluations", RES_EVALUATION },
	[IND_ACCEPTED_PLEDGES] = { "_accepted_pledges", IK_COUNT, "", "", "", "",
	    "Quality: accepted pledges with a day of last check-in or acceptance", 0,
	    "pledges", RES_PLEDGE },
};

int
indicator_by_name(const char *name)
{
	for (int i = 0; i < IND__SHOWN; i++)
		if (strcmp(indicators[i].name, name) == 0)
			return i;
	return -1;
}

const char *const ind_which_names[IW__MAX + 1] = {
	[IW_MISSING] = "missing", [IW_COUNTED] = "counted", [IW_ALL] = "all", [IW__MAX] = NULL,
};

const bool indicator_dated[IND__MAX] = {
	[IND_PLEDGES_DONE] = true, [IND_CELLS_TOPIC] = true, [IND_CONFERENCES] = true,
	[IND_CONCERNS] = true, [IND_INSPECTIONS] = true, [IND_DIALOGUES] = true,
	[IND_PETITIONS] = true,
};
