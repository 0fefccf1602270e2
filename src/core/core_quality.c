/*
 * core_quality.c — the checks of data quality (issue 4): records that are
 * possible but suspicious, each described once with its labels; the store
 * finds them (store_quality.c), the API lists them by unit and year.
 */
#include <string.h>

#include "core/core.h"

const struct quality_check quality_checks[QC__MAX] = {
	[QC_ATTENDANCE_OVER] = { "attendance_over_members", "activities", RES_ACTIVITY,
	    "Số người điểm danh nhiều hơn số đảng viên của đơn vị",
	    "More attendees checked in than the unit has members" },
	[QC_CHECKIN_AFTER_VERDICT] = { "checkin_after_verdict", "pledges", RES_PLEDGE,
	    "Cập nhật tiến độ sau khi chi bộ đã đánh giá",
	    "Check-ins dated after the cell's verdict" },
	[QC_DUE_BEFORE_FILED] = { "due_before_filed", "pledges", RES_PLEDGE,
	    "Bản đăng ký có thời hạn trước ngày nộp",
	    "Pledges due before they were filed" },
	[QC_DUPLICATE_PLEDGE] = { "duplicate_pledge", "pledges", RES_PLEDGE,
	    "Một người có hơn một bản đăng ký trong năm",
	    "More than one pledge of a person in a year" },
	[QC_EVALUATION_NOT_MEMBER] = { "evaluation_not_member", "evaluations", RES_EVALUATION,
	    "Đánh giá đảng viên cho người không phải đảng viên",
	    "A member's rating of someone who is not a party member" },
	[QC_CELL_NO_MEETING] = { "cell_without_meeting", "orgs", RES_ORG,
	    "Chi bộ chưa có kỳ sinh hoạt nào trong năm",
	    "Cells with no meeting recorded in the year" },
	[QC_COMMITTEE_NO_PLAN] = { "committee_without_plan", "orgs", RES_ORG,
	    "Cấp ủy chưa có kế hoạch năm",
	    "Committees without a plan for the year" },
	[QC_STALE_PLEDGE] = { "stale_pledge", "pledges", RES_PLEDGE,
	    "Bản đăng ký đã chấp nhận nhưng hơn 90 ngày chưa cập nhật tiến độ",
	    "Accepted pledges with no check-in for more than 90 days" },
};
