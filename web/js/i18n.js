// i18n.js — the interface's words, Vietnamese first, English available.
//
// t('key', {name: 'x'}) replaces {name}; a key ending in ".one" is used in
// English when params.n is 1.  Unknown keys fall back to Vietnamese, then to
// the key itself (the i18n test fails on any key used but missing).
// The language is kept in localStorage; setLang() tells the listeners (app.js
// re-renders) and updates <html lang>.  No DOM is touched at load, so the
// module is importable from Node tests.

const STORAGE_KEY = 'lamtheo.lang';

const vi = {
  'app.tagline': 'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh',
  'app.home_link': 'lamtheo — Học tập và làm theo Bác, về trang chủ',
  'app.skip': 'Bỏ qua, đến nội dung chính',
  'app.menu': 'Menu',
  'app.language': 'Ngôn ngữ',
  'app.logout': 'Đăng xuất',
  'app.footer': 'lamtheo — theo dõi việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh',
  'app.not_found': 'Không tìm thấy trang',
  'app.not_found_text': 'Địa chỉ này không có trong hệ thống.',
  'app.forbidden': 'Không có quyền truy cập',
  'app.forbidden_text': 'Tài khoản của bạn không được dùng chức năng này.',
  'app.unavailable': 'Chưa kết nối được máy chủ',
  'app.error': 'Có lỗi xảy ra',

  'nav.label': 'Điều hướng chính',
  'nav.home': 'Trang chủ',
  'nav.orgs': 'Cây tổ chức',
  'nav.people': 'Cán bộ, đảng viên',
  'nav.my_profile': 'Hồ sơ của tôi',
  'nav.accounts': 'Tài khoản',
  'nav.back_home': 'Về trang chủ',

  'common.loading': 'Đang tải…',
  'common.retry': 'Thử lại',
  'common.close': 'Đóng',
  'common.search': 'Tìm',
  'common.more': 'Xem thêm',
  'common.actions': 'Thao tác',
  'common.breadcrumb': 'Vị trí trang',

  'err.network': 'Không kết nối được máy chủ. Vui lòng kiểm tra mạng và thử lại.',
  'err.http': 'Máy chủ trả lời lỗi {status}.',

  'login.title': 'Đăng nhập',
  'login.heading': 'Đăng nhập',
  'login.subtitle': 'Hệ thống theo dõi việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh',
  'login.username': 'Tên đăng nhập',
  'login.password': 'Mật khẩu',
  'login.submit': 'Đăng nhập',
  'login.invalid': 'Tên đăng nhập hoặc mật khẩu không đúng',
  'login.rate_limited': 'Đăng nhập sai quá nhiều lần.',
  'login.retry_after': 'Vui lòng thử lại sau {min} phút.',
  'login.session_expired': 'Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.',
  'login.logged_out': 'Bạn đã đăng xuất.',

  'home.title': 'Trang chủ',
  'home.greeting': 'Xin chào, {name}',
  'home.role_line': 'Bạn đăng nhập với vai trò {role}, đơn vị {org}.',
  'home.scope_more': 'Bạn cũng xem được các đơn vị đã hợp nhất vào đơn vị của mình:',
  'home.tree_title': 'Cây tổ chức',
  'home.tree_text': 'Các tổ chức đảng, cơ quan, đơn vị, đoàn thể trong phạm vi của bạn, hiện nay hoặc tại một ngày trước đây (trước sáp nhập 01/07/2025).',
  'home.own_unit_text': '{kind} — đơn vị của bạn: thông tin, đơn vị trực thuộc, lịch sử.',
  'home.people_title': 'Cán bộ, đảng viên',
  'home.people_text': 'Tìm theo họ tên hoặc mã; gõ không dấu cũng được.',
  'home.search_label': 'Tìm cán bộ, đảng viên',
  'home.profile_title': 'Hồ sơ của tôi',
  'home.profile_text': 'Thông tin của bạn và quá trình chuyển sinh hoạt.',
  'home.accounts_title': 'Tài khoản',
  'home.accounts_text': 'Tạo tài khoản, phân vai trò và đơn vị, khóa tài khoản, đặt lại mật khẩu.',

  'form.save': 'Lưu',
  'form.saving': 'Đang lưu…',
  'form.cancel': 'Hủy',
  'form.choose': '— Chọn —',
  'form.unspecified': '— Không xác định —',
  'form.required_note': 'Các mục có dấu * là bắt buộc.',
  'form.date_hint': 'Dạng ngày/tháng/năm, ví dụ 05/02/2023.',
  'form.no_changes': 'Không có thay đổi nào để lưu.',
  'form.err.required': 'Mục “{label}” là bắt buộc.',
  'form.err.too_long': 'Tối đa {max} ký tự (đang có {n}).',
  'form.err.too_short': 'Cần ít nhất {min} ký tự.',
  'form.err.invalid_int': 'Phải là một số nguyên.',
  'form.err.out_of_range': 'Phải từ {min} đến {max}.',
  'form.err.invalid_date': 'Ngày không hợp lệ. Nhập theo dạng dd/mm/yyyy, ví dụ 05/02/2023.',
  'form.err.invalid_code': 'Chỉ dùng chữ không dấu, chữ số và các dấu . _ -',
  'form.err.invalid_value': 'Giá trị không hợp lệ.',

  'picker.none': 'Chưa chọn',
  'picker.choose': 'Chọn…',
  'picker.change': 'Đổi…',
  'picker.clear': 'Bỏ chọn',
  'picker.close': 'Đóng',
  'picker.search': 'Tìm',
  'picker.search_org': 'Tìm đơn vị theo tên (hoặc chọn trong cây bên dưới)',
  'picker.search_person': 'Tìm người theo họ tên hoặc mã',
  'picker.type_to_search': 'Gõ để tìm.',
  'picker.results': '{n} kết quả',
  'picker.no_results': 'Không tìm thấy.',
  'picker.top': 'Cấp cao nhất',
  'picker.tree_path': 'Vị trí trong cây',
  'picker.open_children': 'Xem các đơn vị trực thuộc {name}',

  'table.empty': 'Không có dữ liệu',
  'table.prev': 'Trang trước',
  'table.next': 'Trang sau',
  'table.pagination': 'Phân trang',
  'table.page_info': 'Trang {page} / {pages} · {count}',
  'table.count': '{n} dòng',
  'table.sort_by': 'Sắp xếp theo',
  'table.asc': '(tăng dần)',
  'table.desc': '(giảm dần)',
  'table.sort_asc': 'Sắp xếp theo {col}, tăng dần',
  'table.sort_desc': 'Sắp xếp theo {col}, giảm dần',

  'kind.national': 'Trung ương',
  'kind.province_committee': 'Tỉnh ủy / Đảng bộ tỉnh',
  'kind.district_committee': 'Huyện ủy / Đảng ủy trực thuộc',
  'kind.base_committee': 'Đảng ủy cơ sở / Chi bộ cơ sở',
  'kind.cell': 'Chi bộ',
  'kind.agency': 'Cơ quan, đơn vị',
  'kind.mass_org': 'Đoàn thể',

  'role.admin': 'Quản trị hệ thống',
  'role.staff': 'Cán bộ cơ quan cấp ủy',
  'role.secretary': 'Bí thư chi bộ',
  'role.member': 'Đảng viên',
  'role.viewer': 'Lãnh đạo (chỉ xem)',

  'status.active': 'Đang sinh hoạt',
  'status.transferred_out': 'Đã chuyển sinh hoạt',
  'status.left': 'Đã ra khỏi Đảng',
  'status.deceased': 'Đã từ trần',

  'gender.male': 'Nam',
  'gender.female': 'Nữ',

  'flag.party_member': 'Đảng viên',
  'flag.key_cadre': 'Cán bộ chủ chốt',
  'flag.head': 'Người đứng đầu',
  'flag.civil_servant': 'Công chức/viên chức',
  'flag.union_member': 'Đoàn viên/hội viên',

  'orgs.title': 'Cây tổ chức',
  'orgs.as_of_label': 'Xem cây tổ chức tại ngày',
  'orgs.as_of_apply': 'Xem',
  'orgs.presets': 'Chọn nhanh ngày xem',
  'orgs.preset_now': 'Hiện nay',
  'orgs.preset_before': 'Trước sáp nhập ({date})',
  'orgs.show_closed': 'Hiện cả đơn vị đã giải thể, đã hợp nhất',
  'orgs.viewing_now': 'Đang xem cây tổ chức hiện nay.',
  'orgs.viewing_date': 'Đang xem cây tổ chức tại ngày {date}.',
  'orgs.search_label': 'Tìm đơn vị',
  'orgs.search_placeholder': 'Ví dụ: thuy hai, Quế Ổ…',
  'orgs.search_count': 'Tìm thấy {n} đơn vị.',
  'orgs.search_none': 'Không tìm thấy đơn vị nào.',
  'orgs.predecessors_heading': 'Đơn vị đã hợp nhất vào đơn vị của bạn',
  'orgs.predecessors_hint': 'Các đơn vị này không còn; số liệu của chúng trước ngày hợp nhất vẫn xem được ở đây.',
  'orgs.expand': 'Mở các đơn vị trực thuộc {name}',
  'orgs.collapse': 'Thu gọn {name}',
  'orgs.no_children': 'Không có đơn vị trực thuộc.',
  'orgs.more_children': 'Xem thêm {n} đơn vị',

  'org.name': 'Tên đơn vị',
  'org.code': 'Mã',
  'org.kind': 'Loại',
  'org.parent': 'Trực thuộc',
  'org.note': 'Ghi chú',
  'org.valid_from': 'Ngày thành lập',
  'org.valid_to': 'Giải thể từ ngày',
  'org.merged_on': 'Hợp nhất từ ngày',
  'org.info': 'Thông tin',
  'org.children': 'Đơn vị trực thuộc',
  'org.children_as_of': 'Các đơn vị trực thuộc tại ngày {date}, ngày cuối cùng đơn vị này còn hoạt động.',
  'org.children_more': 'Còn {n} đơn vị nữa.',
  'org.open_tree': 'Xem trong cây tổ chức',
  'org.history': 'Lịch sử tên gọi và trực thuộc',
  'org.h_from': 'Từ ngày',
  'org.h_to': 'Đến ngày',
  'org.h_now': 'nay',
  'org.child_count': 'Số đơn vị trực thuộc',
  'org.person_count': 'Số cán bộ, đảng viên',
  'org.see_people': 'xem danh sách',
  'org.successor_label': 'Hợp nhất vào',
  'org.predecessors_label': 'Được hợp nhất từ',
  'org.merged_from_date': 'hợp nhất từ {date}',
  'org.merged_into_on': 'Hợp nhất vào {name} từ {date}',
  'org.dissolved_on': 'Đã giải thể {date}',
  'org.other_unit': 'đơn vị khác',
  'org.closed_short': 'đã giải thể',
  'org.n_children': '{n} đơn vị',
  'org.n_people': '{n} người',
  'org.status_open': 'Đang hoạt động',
  'org.status_dissolved': 'Đã giải thể',
  'org.status_merged': 'Đã hợp nhất',
  'org.not_found': 'Không tìm thấy đơn vị',
  'org.back_to_tree': 'Về cây tổ chức',
  'org.op_edit': 'Sửa thông tin',
  'org.op_create': 'Thêm đơn vị trực thuộc',
  'org.op_move': 'Chuyển sang đơn vị cấp trên khác',
  'org.op_merge': 'Hợp nhất vào đơn vị khác',
  'org.op_close': 'Giải thể',
  'org.rename_date': 'Tên mới có hiệu lực từ ngày',
  'org.rename_date_hint': 'Chỉ dùng khi đổi tên: lịch sử tên gọi bắt đầu giai đoạn mới từ ngày này. Để trống là hôm nay.',
  'org.code_hint': 'Chữ không dấu, chữ số và các dấu . _ - (tối đa 32 ký tự), ví dụ TB.TT.THT.',
  'org.valid_from_hint': 'Để trống là hôm nay.',
  'org.new_parent': 'Đơn vị cấp trên mới',
  'org.successor': 'Hợp nhất vào đơn vị',
  'org.merge_hint': 'Các đơn vị trực thuộc còn hoạt động sẽ chuyển sang đơn vị này.',
  'org.move_date': 'Ngày chuyển',
  'org.merge_date': 'Ngày hợp nhất',
  'org.close_date': 'Giải thể từ ngày',
  'org.close_hint': 'Ngày đầu tiên đơn vị không còn hoạt động. Chỉ giải thể được khi không còn đơn vị trực thuộc đang hoạt động.',
  'org.create_intro': 'Đơn vị mới trực thuộc {name}.',
  'org.move_intro': 'Chuyển {name} (cùng các đơn vị trực thuộc) sang đơn vị cấp trên khác.',
  'org.merge_intro': '{name} sẽ thôi hoạt động từ ngày hợp nhất.',
  'org.close_intro': 'Giải thể {name}.',
  'org.create_submit': 'Thêm đơn vị',
  'org.move_submit': 'Chuyển',
  'org.merge_submit': 'Hợp nhất',
  'org.close_submit': 'Giải thể',
  'org.saved': 'Đã lưu thông tin đơn vị.',
  'org.created': 'Đã thêm đơn vị.',
  'org.moved': 'Đã chuyển đơn vị.',
  'org.merged': 'Đã hợp nhất đơn vị.',
  'org.closed_ok': 'Đã giải thể đơn vị.',

  'people.title': 'Cán bộ, đảng viên',
  'people.add': 'Thêm người',
  'people.search_label': 'Tìm theo họ tên hoặc mã',
  'people.search_placeholder': 'Ví dụ: nguyen van sang',
  'people.search_hint': 'Gõ có dấu hay không dấu đều được.',
  'people.filter_org': 'Đơn vị',
  'people.filter_status': 'Trạng thái',
  'people.status_all': 'Tất cả',
  'people.count': '{n} người',
  'people.empty_hint': 'Thử gõ ít chữ hơn, chọn đơn vị khác hoặc bỏ bớt bộ lọc.',

  'person.code': 'Mã',
  'person.full_name': 'Họ và tên',
  'person.gender': 'Giới tính',
  'person.birth_year': 'Năm sinh',
  'person.org': 'Đơn vị',
  'person.org_field': 'Đơn vị sinh hoạt',
  'person.org_hint': 'Chi bộ, đảng bộ cơ sở hoặc cơ quan nơi người này sinh hoạt.',
  'person.code_hint': 'Để trống để hệ thống tự tạo mã.',
  'person.position': 'Chức vụ',
  'person.status': 'Trạng thái',
  'person.party_joined': 'Ngày vào Đảng',
  'person.party_joined_hint': 'Chỉ với đảng viên. Dạng dd/mm/yyyy.',
  'person.flags': 'Diện cán bộ',
  'person.note': 'Ghi chú',
  'person.created_at': 'Tạo lúc',
  'person.updated_at': 'Cập nhật lúc',
  'person.transfers': 'Quá trình chuyển sinh hoạt',
  'person.no_transfers': 'Chưa chuyển sinh hoạt lần nào.',
  'person.t_date': 'Ngày',
  'person.t_from': 'Từ đơn vị',
  'person.t_to': 'Đến đơn vị',
  'person.edit': 'Sửa thông tin',
  'person.edit_title': 'Sửa thông tin: {name}',
  'person.new_title': 'Thêm người',
  'person.create_submit': 'Thêm',
  'person.saved': 'Đã lưu thay đổi.',
  'person.created': 'Đã thêm người.',
  'person.unit_line': 'Đơn vị:',
  'person.unit_change_hint': 'Đổi đơn vị bằng chức năng “Chuyển sinh hoạt”.',
  'person.transfer': 'Chuyển sinh hoạt',
  'person.transfer_title': 'Chuyển sinh hoạt',
  'person.transfer_intro': 'Chuyển {name} từ {org} sang đơn vị khác.',
  'person.transfer_to': 'Đơn vị chuyển đến',
  'person.transfer_date': 'Ngày chuyển sinh hoạt',
  'person.transfer_submit': 'Chuyển sinh hoạt',
  'person.transferred': 'Đã chuyển sinh hoạt.',
  'person.not_found': 'Không tìm thấy người này',
  'person.back_to_list': 'Về danh sách cán bộ, đảng viên',

  'account.title': 'Tài khoản',
  'account.add': 'Tạo tài khoản',
  'account.search_label': 'Tìm theo tên đăng nhập hoặc tên hiển thị',
  'account.count': '{n} tài khoản',
  'account.empty_hint': 'Thử tìm với từ khác.',
  'account.username': 'Tên đăng nhập',
  'account.username_hint': 'Không đổi được sau khi tạo.',
  'account.display_name': 'Tên hiển thị',
  'account.role': 'Vai trò',
  'account.org': 'Đơn vị',
  'account.org_hint': 'Tài khoản chỉ xem và ghi được trong đơn vị này và các đơn vị trực thuộc.',
  'account.person': 'Người dùng là',
  'account.person_hint': 'Bắt buộc với tài khoản Đảng viên.',
  'account.disabled': 'Khóa tài khoản',
  'account.password': 'Mật khẩu',
  'account.password_hint': 'Ít nhất 10 ký tự.',
  'account.new_password': 'Đặt lại mật khẩu',
  'account.new_password_hint': 'Để trống nếu không đổi. Ít nhất 10 ký tự.',
  'account.state': 'Tình trạng',
  'account.is_active': 'Đang dùng',
  'account.is_disabled': 'Đã khóa',
  'account.new_title': 'Tạo tài khoản',
  'account.create_submit': 'Tạo tài khoản',
  'account.edit_title': 'Tài khoản {username}',
  'account.times': 'Tạo lúc {created} · cập nhật lúc {updated}',
  'account.saved': 'Đã lưu tài khoản.',
  'account.created': 'Đã tạo tài khoản.',
  'account.back': 'Về danh sách tài khoản',
};

const en = {
  'app.tagline': 'Studying and following Ho Chi Minh\'s thought, morality and style',
  'app.home_link': 'lamtheo — following Uncle Ho\'s example, home page',
  'app.skip': 'Skip to main content',
  'app.menu': 'Menu',
  'app.language': 'Language',
  'app.logout': 'Log out',
  'app.footer': 'lamtheo — tracking the campaign of studying and following Ho Chi Minh\'s thought, morality and style',
  'app.not_found': 'Page not found',
  'app.not_found_text': 'This address does not exist.',
  'app.forbidden': 'Access denied',
  'app.forbidden_text': 'Your account may not use this function.',
  'app.unavailable': 'Cannot reach the server',
  'app.error': 'Something went wrong',

  'nav.label': 'Main navigation',
  'nav.home': 'Home',
  'nav.orgs': 'Organisation tree',
  'nav.people': 'Cadres and members',
  'nav.my_profile': 'My profile',
  'nav.accounts': 'Accounts',
  'nav.back_home': 'Back to the home page',

  'common.loading': 'Loading…',
  'common.retry': 'Try again',
  'common.close': 'Close',
  'common.search': 'Search',
  'common.more': 'Show more',
  'common.actions': 'Actions',
  'common.breadcrumb': 'Breadcrumb',

  'err.network': 'Cannot reach the server. Please check the network and try again.',
  'err.http': 'The server answered with error {status}.',

  'login.title': 'Log in',
  'login.heading': 'Log in',
  'login.subtitle': 'Tracking the campaign of studying and following Ho Chi Minh\'s thought, morality and style',
  'login.username': 'User name',
  'login.password': 'Password',
  'login.submit': 'Log in',
  'login.invalid': 'Wrong user name or password',
  'login.rate_limited': 'Too many failed log-ins.',
  'login.retry_after': 'Please try again in {min} minutes.',
  'login.retry_after.one': 'Please try again in 1 minute.',
  'login.session_expired': 'Your session has expired. Please log in again.',
  'login.logged_out': 'You have logged out.',

  'home.title': 'Home',
  'home.greeting': 'Hello, {name}',
  'home.role_line': 'You are signed in as {role}, unit {org}.',
  'home.scope_more': 'You can also see the units merged into yours:',
  'home.tree_title': 'Organisation tree',
  'home.tree_text': 'Party organisations, agencies, units and mass organisations in your scope, today or on a past date (before the 01/07/2025 merger).',
  'home.own_unit_text': '{kind} — your unit: details, units under it, history.',
  'home.people_title': 'Cadres and members',
  'home.people_text': 'Search by name or code; typing without diacritics works too.',
  'home.search_label': 'Search cadres and members',
  'home.profile_title': 'My profile',
  'home.profile_text': 'Your record and your transfers.',
  'home.accounts_title': 'Accounts',
  'home.accounts_text': 'Create accounts, assign roles and units, disable accounts, reset passwords.',

  'form.save': 'Save',
  'form.saving': 'Saving…',
  'form.cancel': 'Cancel',
  'form.choose': '— Choose —',
  'form.unspecified': '— Not specified —',
  'form.required_note': 'Fields marked * are required.',
  'form.date_hint': 'Day/month/year, for example 05/02/2023.',
  'form.no_changes': 'There are no changes to save.',
  'form.err.required': '“{label}” is required.',
  'form.err.too_long': 'At most {max} characters (now {n}).',
  'form.err.too_short': 'At least {min} characters.',
  'form.err.invalid_int': 'Must be a whole number.',
  'form.err.out_of_range': 'Must be between {min} and {max}.',
  'form.err.invalid_date': 'Not a valid date. Use dd/mm/yyyy, for example 05/02/2023.',
  'form.err.invalid_code': 'Use only letters without diacritics, digits and . _ -',
  'form.err.invalid_value': 'Invalid value.',

  'picker.none': 'None chosen',
  'picker.choose': 'Choose…',
  'picker.change': 'Change…',
  'picker.clear': 'Clear',
  'picker.close': 'Close',
  'picker.search': 'Search',
  'picker.search_org': 'Search units by name (or pick one in the tree below)',
  'picker.search_person': 'Search people by name or code',
  'picker.type_to_search': 'Type to search.',
  'picker.results': '{n} results',
  'picker.results.one': '1 result',
  'picker.no_results': 'Nothing found.',
  'picker.top': 'Top level',
  'picker.tree_path': 'Position in the tree',
  'picker.open_children': 'Show the units under {name}',

  'table.empty': 'No data',
  'table.prev': 'Previous',
  'table.next': 'Next',
  'table.pagination': 'Pagination',
  'table.page_info': 'Page {page} / {pages} · {count}',
  'table.count': '{n} rows',
  'table.count.one': '1 row',
  'table.sort_by': 'Sort by',
  'table.asc': '(ascending)',
  'table.desc': '(descending)',
  'table.sort_asc': 'Sort by {col}, ascending',
  'table.sort_desc': 'Sort by {col}, descending',

  'kind.national': 'National (Central Committee)',
  'kind.province_committee': 'Provincial Party Committee',
  'kind.district_committee': 'District-level Party Committee',
  'kind.base_committee': 'Grassroots Party Committee / Cell',
  'kind.cell': 'Party cell',
  'kind.agency': 'Agency or unit',
  'kind.mass_org': 'Mass organisation',

  'role.admin': 'System administrator',
  'role.staff': 'Committee staff',
  'role.secretary': 'Cell secretary',
  'role.member': 'Party member',
  'role.viewer': 'Leadership (read only)',

  'status.active': 'Active',
  'status.transferred_out': 'Transferred out',
  'status.left': 'Left the Party',
  'status.deceased': 'Deceased',

  'gender.male': 'Male',
  'gender.female': 'Female',

  'flag.party_member': 'Party member',
  'flag.key_cadre': 'Key cadre',
  'flag.head': 'Head of unit',
  'flag.civil_servant': 'Civil/public servant',
  'flag.union_member': 'Union/association member',

  'orgs.title': 'Organisation tree',
  'orgs.as_of_label': 'Show the tree as of',
  'orgs.as_of_apply': 'Show',
  'orgs.presets': 'Quick dates',
  'orgs.preset_now': 'Today',
  'orgs.preset_before': 'Before the merger ({date})',
  'orgs.show_closed': 'Also show dissolved and merged units',
  'orgs.viewing_now': 'Showing the tree as it is today.',
  'orgs.viewing_date': 'Showing the tree as of {date}.',
  'orgs.search_label': 'Search units',
  'orgs.search_placeholder': 'For example: thuy hai, Quế Ổ…',
  'orgs.search_count': '{n} units found.',
  'orgs.search_count.one': '1 unit found.',
  'orgs.search_none': 'No unit found.',
  'orgs.predecessors_heading': 'Units merged into yours',
  'orgs.predecessors_hint': 'These units no longer exist; their records from before the merger can still be seen here.',
  'orgs.expand': 'Expand the units under {name}',
  'orgs.collapse': 'Collapse {name}',
  'orgs.no_children': 'No units under this one.',
  'orgs.more_children': 'Show {n} more units',

  'org.name': 'Name',
  'org.code': 'Code',
  'org.kind': 'Kind',
  'org.parent': 'Under',
  'org.note': 'Note',
  'org.valid_from': 'Established on',
  'org.valid_to': 'Dissolved from',
  'org.merged_on': 'Merged from',
  'org.info': 'Details',
  'org.children': 'Units under it',
  'org.children_as_of': 'The units under it on {date}, the last day this unit existed.',
  'org.children_more': '{n} more units.',
  'org.open_tree': 'See them in the tree',
  'org.history': 'History of names and parents',
  'org.h_from': 'From',
  'org.h_to': 'To',
  'org.h_now': 'today',
  'org.child_count': 'Units under it',
  'org.person_count': 'Cadres and members',
  'org.see_people': 'see the list',
  'org.successor_label': 'Merged into',
  'org.predecessors_label': 'Merged from',
  'org.merged_from_date': 'merged on {date}',
  'org.merged_into_on': 'Merged into {name} on {date}',
  'org.dissolved_on': 'Dissolved on {date}',
  'org.other_unit': 'another unit',
  'org.closed_short': 'dissolved',
  'org.n_children': '{n} units',
  'org.n_children.one': '1 unit',
  'org.n_people': '{n} people',
  'org.n_people.one': '1 person',
  'org.status_open': 'Active',
  'org.status_dissolved': 'Dissolved',
  'org.status_merged': 'Merged',
  'org.not_found': 'Unit not found',
  'org.back_to_tree': 'Back to the organisation tree',
  'org.op_edit': 'Edit details',
  'org.op_create': 'Add a unit under it',
  'org.op_move': 'Move under another unit',
  'org.op_merge': 'Merge into another unit',
  'org.op_close': 'Dissolve',
  'org.rename_date': 'New name valid from',
  'org.rename_date_hint': 'Only for a new name: the name history starts a new period on this date. Empty means today.',
  'org.code_hint': 'Letters without diacritics, digits and . _ - (at most 32), for example TB.TT.THT.',
  'org.valid_from_hint': 'Empty means today.',
  'org.new_parent': 'New parent unit',
  'org.successor': 'Merge into',
  'org.merge_hint': 'Its open units move under this one.',
  'org.move_date': 'Date of the move',
  'org.merge_date': 'Date of the merger',
  'org.close_date': 'Dissolved from',
  'org.close_hint': 'The first day the unit no longer exists. Only possible when no open unit remains under it.',
  'org.create_intro': 'A new unit under {name}.',
  'org.move_intro': 'Move {name} (with the units under it) under another unit.',
  'org.merge_intro': '{name} ceases to exist on the merger date.',
  'org.close_intro': 'Dissolve {name}.',
  'org.create_submit': 'Add unit',
  'org.move_submit': 'Move',
  'org.merge_submit': 'Merge',
  'org.close_submit': 'Dissolve',
  'org.saved': 'The unit was saved.',
  'org.created': 'The unit was added.',
  'org.moved': 'The unit was moved.',
  'org.merged': 'The unit was merged.',
  'org.closed_ok': 'The unit was dissolved.',

  'people.title': 'Cadres and members',
  'people.add': 'Add a person',
  'people.search_label': 'Search by name or code',
  'people.search_placeholder': 'For example: nguyen van sang',
  'people.search_hint': 'With or without diacritics.',
  'people.filter_org': 'Unit',
  'people.filter_status': 'Status',
  'people.status_all': 'All',
  'people.count': '{n} people',
  'people.count.one': '1 person',
  'people.empty_hint': 'Try fewer words, another unit, or fewer filters.',

  'person.code': 'Code',
  'person.full_name': 'Full name',
  'person.gender': 'Gender',
  'person.birth_year': 'Year of birth',
  'person.org': 'Unit',
  'person.org_field': 'Unit',
  'person.org_hint': 'The cell, grassroots committee or agency the person belongs to.',
  'person.code_hint': 'Leave empty to have one generated.',
  'person.position': 'Position',
  'person.status': 'Status',
  'person.party_joined': 'Joined the Party on',
  'person.party_joined_hint': 'Party members only. dd/mm/yyyy.',
  'person.flags': 'Categories',
  'person.note': 'Note',
  'person.created_at': 'Created',
  'person.updated_at': 'Updated',
  'person.transfers': 'Transfers',
  'person.no_transfers': 'No transfers.',
  'person.t_date': 'Date',
  'person.t_from': 'From',
  'person.t_to': 'To',
  'person.edit': 'Edit',
  'person.edit_title': 'Edit: {name}',
  'person.new_title': 'Add a person',
  'person.create_submit': 'Add',
  'person.saved': 'The changes were saved.',
  'person.created': 'The person was added.',
  'person.unit_line': 'Unit:',
  'person.unit_change_hint': 'Change the unit with “Transfer”.',
  'person.transfer': 'Transfer',
  'person.transfer_title': 'Transfer to another unit',
  'person.transfer_intro': 'Move {name} from {org} to another unit.',
  'person.transfer_to': 'Transfer to',
  'person.transfer_date': 'Date of transfer',
  'person.transfer_submit': 'Transfer',
  'person.transferred': 'The person was transferred.',
  'person.not_found': 'Person not found',
  'person.back_to_list': 'Back to cadres and members',

  'account.title': 'Accounts',
  'account.add': 'New account',
  'account.search_label': 'Search by user name or display name',
  'account.count': '{n} accounts',
  'account.count.one': '1 account',
  'account.empty_hint': 'Try other words.',
  'account.username': 'User name',
  'account.username_hint': 'Cannot be changed later.',
  'account.display_name': 'Display name',
  'account.role': 'Role',
  'account.org': 'Unit',
  'account.org_hint': 'The account reads and writes only in this unit and the units under it.',
  'account.person': 'Person',
  'account.person_hint': 'Required for party member accounts.',
  'account.disabled': 'Disabled',
  'account.password': 'Password',
  'account.password_hint': 'At least 10 characters.',
  'account.new_password': 'Reset password',
  'account.new_password_hint': 'Leave empty to keep it. At least 10 characters.',
  'account.state': 'State',
  'account.is_active': 'Active',
  'account.is_disabled': 'Disabled',
  'account.new_title': 'New account',
  'account.create_submit': 'Create account',
  'account.edit_title': 'Account {username}',
  'account.times': 'Created {created} · updated {updated}',
  'account.saved': 'The account was saved.',
  'account.created': 'The account was created.',
  'account.back': 'Back to the accounts',
};

export const DICTS = { vi, en };
export const LANGS = ['vi', 'en'];

function storage() {
  try {
    return globalThis.localStorage || null;
  } catch {
    return null; // storage disabled
  }
}

function storedLang() {
  const s = storage();
  try {
    const v = s && s.getItem(STORAGE_KEY);
    return LANGS.includes(v) ? v : null;
  } catch {
    return null;
  }
}

let lang = storedLang() || 'vi';
const listeners = new Set();

export function getLang() {
  return lang;
}

/** Sets <html lang> to the current language (no-op without a DOM). */
export function applyDocumentLang() {
  if (typeof document !== 'undefined' && document.documentElement) {
    document.documentElement.lang = lang;
  }
}

/** Switches language, remembers it, updates <html lang>, tells listeners. */
export function setLang(next) {
  if (!LANGS.includes(next) || next === lang) return;
  lang = next;
  const s = storage();
  try {
    if (s) s.setItem(STORAGE_KEY, next);
  } catch {
    /* private mode: the choice lasts this page only */
  }
  applyDocumentLang();
  for (const fn of listeners) fn(lang);
}

/** fn(lang) after each switch; returns the unsubscribe function. */
export function onLangChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Is key translated in the current language (or Vietnamese)? */
export function has(key) {
  return key in DICTS[lang] || key in vi;
}

function isOne(n) {
  if (n === null || n === undefined) return false;
  return Number(String(n).replace(/\./g, '')) === 1;
}

/** t('people.count', {n: '1.834'}) -> "1.834 người" */
export function t(key, params) {
  const dict = DICTS[lang];
  let s;
  if (params && isOne(params.n) && dict[`${key}.one`] !== undefined) s = dict[`${key}.one`];
  if (s === undefined) s = dict[key];
  if (s === undefined) s = vi[key];
  if (s === undefined) return key;
  if (!params) return s;
  return s.replace(/\{(\w+)\}/g, (m, k) => (params[k] === undefined || params[k] === null ? m : String(params[k])));
}

function label(prefix, value) {
  if (value === null || value === undefined || value === '') return '';
  const key = `${prefix}.${value}`;
  return has(key) ? t(key) : String(value);
}

export const ORG_KINDS = ['national', 'province_committee', 'district_committee', 'base_committee', 'cell',
  'agency', 'mass_org'];
export const ROLES = ['admin', 'staff', 'secretary', 'member', 'viewer'];
export const STATUSES = ['active', 'transferred_out', 'left', 'deceased'];
export const GENDERS = ['male', 'female'];

export const kindLabel = (k) => label('kind', k);
export const roleLabel = (r) => label('role', r);
export const statusLabel = (s) => label('status', s);
export const genderLabel = (g) => label('gender', g);

export const kindOptions = () => ORG_KINDS.map((value) => ({ value, label: kindLabel(value) }));
export const roleOptions = () => ROLES.map((value) => ({ value, label: roleLabel(value) }));
export const statusOptions = () => STATUSES.map((value) => ({ value, label: statusLabel(value) }));
export const genderOptions = () => GENDERS.map((value) => ({ value, label: genderLabel(value) }));
