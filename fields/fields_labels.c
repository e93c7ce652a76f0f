/* fields_labels.c - the label vocabularies of the field extractor, as data: one table per
 * field, folded (lower case, no tone marks, đ -> d) as fx_label_match compares them, so a
 * new wording is a new line here, not a new rule. Longer labels come first where a shorter
 * one is a prefix of them ("dia chi thuong tru" before "dia chi"). */
#include <stddef.h>

#include "fields_int.h"

/* The applicant's own name, at the start of a line, before a colon. */
const char *const fx_lab_applicant[] = {
    "tiep nhan ho so cua",
    "da tiep nhan ho so cua",
    "nhan ho so cua",
    "ho, chu dem va ten nguoi yeu cau",
    "ho, chu dem, ten nguoi yeu cau",
    "ho va ten nguoi yeu cau",
    "ho ten nguoi yeu cau",
    "ten nguoi yeu cau",
    "nguoi yeu cau",
    "ho va ten nguoi nop ho so",
    "ho ten nguoi nop ho so",
    /* (not "ho ten nguoi nop thue": two letters from "Tên người nộp thuế", which the
     * label below reads exactly) */
    "ho va ten nguoi nop thue",
    "ho va ten nguoi nop",
    "ho ten nguoi nop",
    "nguoi nop ho so",
    "ten nguoi nop thue",
    "nguoi nop thue",
    "ho va ten chu hang",
    "ten chu hang",
    "chu hang",
    "nguoi trung dau gia",
    "ten nguoi nop",
    "ho, chu dem va ten nguoi de nghi",
    "ho, chu dem, ten nguoi de nghi",
    "ho va ten nguoi de nghi",
    "ho ten nguoi de nghi",
    "ten nguoi de nghi",
    "nguoi de nghi",
    "ho va ten nguoi lam don",
    "ho ten nguoi lam don",
    "nguoi lam don",
    "ho va ten nguoi dung don",
    "ho ten nguoi dung don",
    "nguoi dung don",
    "ho va ten chu ho so",
    "chu ho so",
    "ho va ten nguoi dang ky",
    "ho ten nguoi dang ky",
    "ten nguoi dang ky",
    "nguoi dang ky",
    /* a loan's borrower (the Social Policy Bank's forms) */
    "ho va ten nguoi vay",
    "ho ten nguoi vay",
    "ten nguoi vay",
    "nguoi de nghi vay von",
    "ho va ten nguoi khai",
    "ho ten nguoi khai",
    "nguoi khai",
    "ho va ten nguoi khieu nai",
    "ho ten nguoi khieu nai",
    "nguoi khieu nai",
    /* who denounces, petitions or reports (a denunciation's "Họ và tên người tố cáo", spelled
     * out: "ho va ten nguoi nop" is two letters from it; not "người bị tố cáo", another
     * party) */
    "ho va ten nguoi to cao",
    "ho ten nguoi to cao",
    "nguoi to cao",
    "ho va ten nguoi kien nghi",
    "ho ten nguoi kien nghi",
    "nguoi kien nghi",
    "ho va ten nguoi phan anh",
    "ho ten nguoi phan anh",
    "nguoi phan anh",
    "ten toi la",
    "toi ten la",
    "toi la",
    "ten chu dau tu",
    "chu dau tu",
    "ten nha dau tu",
    "nha dau tu",
    /* a project's owner, whose environmental report a decision approves */
    "ten chu du an",
    "chu du an",
    "ten to chuc, ca nhan dang ky",
    "to chuc, ca nhan dang ky",
    /* a licence's requester ("Tổ chức, cá nhân đề nghị cấp phép" over the name) */
    "to chuc, ca nhan de nghi cap phep",
    "to chuc, ca nhan de nghi cap",
    "to chuc, ca nhan de nghi",
    /* "1. Cá nhân đề nghị cấp phép (viết chữ in hoa)": a person's own */
    "ca nhan de nghi cap phep",
    "ca nhan de nghi cap",
    "ca nhan de nghi",
    "to chuc/ca nhan de nghi",
    "to chuc/ca nhan dang ky",
    "ten to chuc, ca nhan",
    "ten to chuc/ca nhan",
    "to chuc/ca nhan",
    "to chuc, ca nhan",
    "ca nhan/to chuc",
    "ten to chuc",
    "ten ca nhan",
    "ho va ten nguoi su dung dat",
    "ho ten nguoi su dung dat",
    "ten nguoi su dung dat",
    "nguoi su dung dat", /* "1. Người sử dụng đất (ghi họ tên bằng chữ in hoa):" */
    "cap cho",
    /* a household business's owner ("Họ, chữ đệm và tên chủ hộ kinh doanh …:") */
    "ho, chu dem va ten chu ho kinh doanh",
    "ho va ten chu ho kinh doanh",
    "ho ten chu ho kinh doanh",
    "chu ho kinh doanh",
    /* owners who apply: of a fishing boat, a vehicle, a property */
    "ho va ten chu tau",
    "ho ten chu tau",
    "ten chu tau",
    "chu tau",
    "ho va ten chu phuong tien",
    "ten chu phuong tien",
    "chu phuong tien",
    "ten chu so huu",
    "chu so huu",
    /* the owner of a farm or an establishment the certificate is for */
    "ho va ten chu co so",
    "ten chu co so",
    "chu co so",
    NULL,
};

/* Labels that name whoever the form is about; the applicant only when no label above says
 * who files (a death registration names the deceased so, after the one who asks). */
const char *const fx_lab_applicant_generic[] = {
    /* the name as the birth register has it ("Họ, chữ đệm và tên khai sinh (viết chữ in
     * hoa)"), before the shorter labels it starts with */
    "ho, chu dem va ten khai sinh",
    "ho va ten khai sinh",
    "ho ten khai sinh",
    "ho, chu dem va ten",
    "ho, chu dem, ten",
    "ho va ten",
    "ho ten",
    "ho va ten cong dan",
    /* before "ong/ba", which "Ông (bà):" meets within one edit short of its ")" */
    "ong (ba)",
    "ong/ba",
    "ba/ong",
    "ten", /* "1.1. Tên (viết chữ in hoa):" */
    NULL,
};

/* Labels that name an organisation applying: its name is kept as printed. */
const char *const fx_lab_org[] = {
    "co so",
    "ten co so",
    "ten thuong nhan",
    /* a registration certificate prints the name in Vietnamese, in a foreign tongue and
     * abbreviated: the first is the applicant */
    "ten doanh nghiep viet bang tieng viet",
    "ten hop tac xa viet bang tieng viet",
    "ten doanh nghiep",
    "ten cong ty",
    "ten hop tac xa",
    "ten don vi",
    "ten to chuc",
    "to chuc de nghi",
    /* "Cơ quan, tổ chức đề nghị" / (indented) "CÔNG TY CỔ PHẦN …" */
    "co quan, to chuc de nghi",
    "co quan/to chuc de nghi",
    "co quan de nghi",
    /* an aid's owner, whose project a decision approves ("Chủ khoản viện trợ" / "HỘI …") */
    "chu khoan vien tro",
    /* the organisation that files: "Tổ chức nộp hồ sơ" / (indented) "HỢP TÁC XÃ …" */
    "to chuc nop ho so",
    /* the one a decision leases or allots to ("Tổ chức thuê rừng" / (indented) "CÔNG TY
     * …"; "Tổ chức được giao đất") */
    "to chuc thue",
    "to chuc duoc giao",
    "to chuc yeu cau chung thuc",
    "to chuc yeu cau",
    /* the operator a decision opens a facility for ("Đơn vị khai thác   HỢP TÁC XÃ …") */
    "don vi khai thac",
    /* a licence's holder under its kind: "1. Doanh nghiệp" / (indented) "CÔNG TY …" */
    "doanh nghiep",
    /* "Đơn vị đề nghị xác nhận (chủ dự án)" / (indented) "TRUNG TÂM Y TẾ …" */
    "don vi de nghi xac nhan",
    "don vi de nghi",
    /* an association's own request ("Hội đề nghị đổi tên   HỘI NUÔI CÁ LỒNG …") */
    "hoi de nghi",
    "don vi nop ho so",
    /* a licence's holder: "1. Tổ chức được cấp phép" / (indented) "CÔNG TY …" */
    "to chuc duoc cap giay phep",
    "to chuc duoc cap phep",
    "don vi duoc cap phep",
    "ten chu dau tu",
    "chu dau tu",
    "ten nha dau tu",
    "nha dau tu",
    NULL,
};

/* Labels found anywhere in a line (a receipt's sentence: "Công an xã ... đã tiếp nhận hồ sơ
 * của: ÔNG ..."). */
const char *const fx_lab_applicant_inline[] = {
    /* "… đã tiếp nhận hồ sơ của tổ chức" / (indented) "CÔNG TY CỔ PHẦN …": the kind of
     * party, then its name */
    "tiep nhan ho so cua to chuc",
    "tiep nhan ho so cua doanh nghiep",
    "tiep nhan ho so cua ca nhan",
    "tiep nhan ho so cua cong dan",
    "tiep nhan ho so cua",
    "nhan ho so cua",
    "theo de nghi cua",
    NULL,
};

/* Phrases of an official document before the citizen whose request it answers; a person's
 * honorific and name follow ("xét đơn đề nghị của ông Nguyễn Văn Lợi"). */
const char *const fx_lab_applicant_phrase[] = {
    "de nghi cua",
    "ho so cua",
    "don cua",
    "to khai cua",
    "yeu cau cua",
    "cap cho",
    "cho phep",
    "doi voi",
    /* "Hỗ trợ … đối với hộ gia đình của bà VƯƠNG THỊ XUÂN ĐÀO": the household's head */
    "gia dinh cua",
    NULL,
};

/* The first words of an organisation's name (and of the community groups a decision may
 * recognise: "Tổ cộng đồng …", "Tổ hợp tác …"). */
const char *const fx_org_words[] = {
    "cong ty",      "doanh nghiep", "hop tac xa", "nha hang",      "khach san",
    "cua hang",     "co so",        "chi nhanh",  "van phong",     "tap doan",
    "truong",       "benh vien",    "trung tam",  "ho kinh doanh", "quan",
    "tiem",         "xi nghiep",    "nha may",    "hiep hoi",      "ngan hang",
    "to cong dong", "to hop tac",   "to bao ve",  "cau lac bo",
    /* religious bodies: a Cao Đài parish ("HỌ ĐẠO CAO ĐÀI …", no family name Hồ), a
     * Catholic one, a church, a pagoda, a temple */
    "ho dao",       "giao xu",      "giao ho",    "hoi thanh",     "giao hoi",
    "thanh that",   "tinh xa",      "nha tho",    "niem phat duong",
    /* social care homes ("MÁI ẤM TÂM AN", no family name Mai) */
    "mai am",       "lang tre",     NULL,
};

/* Countries, folded, as Vietnamese pages name them: an address abroad ends in one
 * ("…, quận Gangnam, thành phố Seoul, Đại Hàn Dân Quốc"). */
const char *const fx_countries[] = {
    "viet nam", "dai han dan quoc", "han quoc", "nhat ban", "trung quoc", "dai loan",
    "hong kong", "hoa ky", "my", "canada", "australia", "uc", "new zealand",
    "cong hoa phap", "phap", "cong hoa lien bang duc", "duc", "vuong quoc anh", "anh",
    "lien bang nga", "nga", "italia", "y", "ha lan", "bi", "thuy si", "thuy dien", "na uy",
    "dan mach", "phan lan", "ba lan", "sec", "lao", "cong hoa dan chu nhan dan lao",
    "campuchia", "vuong quoc campuchia", "thai lan", "malaysia", "singapore", "indonesia",
    "philippines", "myanmar", "an do", "israel", NULL,
};

/* The applicant's address; the permanent one first (the README's rule: it is printed
 * first, and is the one used). */
const char *const fx_lab_address[] = {
    "noi thuong tru hien nay",
    "cho o thuong tru",
    "noi dang ky thuong tru",
    "noi dang ky ho khau thuong tru",
    "dia chi ho khau thuong tru",
    "ho khau thuong tru",
    "dia chi thuong tru",
    "dia chi noi thuong tru",
    "noi thuong tru",
    "thuong tru",
    "dia chi lien he",
    "dia chi lien lac",
    "dia chi noi o hien nay",
    "dia chi noi o hien tai",
    "dia chi hien nay",
    "dia chi nha rieng",
    "dia chi giao dich",
    "dia chi tru so chinh",
    /* "Trụ sở đơn vị   tổ dân phố …": the seat of the body that files */
    "dia chi tru so don vi",
    "dia chi tru so",
    "tru so chinh",
    "tru so don vi",
    "tru so to chuc",
    "tru so doanh nghiep",
    "tru so",
    "noi cu tru",
    "noi o hien nay",
    "noi o hien tai",
    "cho o hien nay",
    "cho o hien tai",
    "noi o",
    "dia chi cu tru",
    "dia chi",
    "tru tai",
    "cu tru tai",
    NULL,
};

/* Address labels inside a sentence ("..., thường trú tại ấp Phước Hòa, ..."). */
const char *const fx_lab_address_phrase[] = {
    "dia chi thuong tru tai",
    "dia chi thuong tru",
    "dia chi tru so chinh",
    "dia chi tru so",
    "co tru so chinh tai",
    "co tru so tai",
    "tru so chinh tai",
    "tru so tai",
    /* "(mã số doanh nghiệp: …; trụ sở: số 215 đường …)": with its colon only */
    "tru so chinh:",
    "tru so:",
    "noi thuong tru",
    "noi cu tru",
    "thuong tru tai",
    "tru tai",
    "cu tru tai",
    NULL,
};

/* Labels of addresses that are not the applicant's own: business premises, a delivery
 * address, the other party. */
const char *const fx_lab_address_other[] = {
    "dia chi co so san xuat", "dia chi co so",      "dia diem kinh doanh", "dia diem san xuat",
    "dia chi kinh doanh",     "dia chi nhan",       "dia chi giao hang",   "dia chi giao nhan",
    "dia chi noi nhan",       "dia chi cong trinh", "vi tri xay dung",     NULL,
};

/* Lines that open another party's block: an address after them is theirs. */
const char *const fx_lab_other_party[] = {
    "nguoi bi khieu nai",
    "nguoi bi to cao",
    "ben ban",
    "ben cho thue",
    "nguoi uy quyen",
    "nguoi duoc uy quyen",
    "nguoi nhan thay",
    /* the party that gives or sells to the applicant: a technology's transferor, a land
     * use right's seller, a donor */
    "ben giao cong nghe",
    "ben chuyen giao cong nghe",
    "ben chuyen nhuong",
    "ben tang cho",
    "chu ho",
    "ho, chu dem va ten chu ho",
    /* the child an adoption decision is about */
    "tre em duoc nhan lam con nuoi",
    "nguoi duoc nhan lam con nuoi",
    NULL,
};

/* Lines that open the receiving party's block, the applicant's (after a giving party's
 * block of fx_lab_other_party). */
const char *const fx_lab_receiving_party[] = {
    "ben nhan cong nghe",
    "ben nhan chuyen giao cong nghe",
    "ben nhan chuyen nhuong",
    "ben duoc tang cho",
    NULL,
};

const char *const fx_lab_id[] = {
    "so can cuoc cong dan",
    "can cuoc cong dan",
    "so can cuoc",
    "can cuoc",
    "so cccd",
    "cccd",
    /* ("Số CMND cũ", which OCR may run together: "SốCMNDcũ") */
    "so cmnd cu",
    "so cmnd",
    "cmnd cu",
    "cmnd",
    "chung minh nhan dan",
    "chung minh thu",
    "so dinh danh ca nhan",
    "so dinh danh",
    "dinh danh ca nhan",
    "so ddcn",
    "ddcn",
    "ma dinh danh",
    "ho chieu",
    "giay to tuy than",
    /* a business registration's representative: "Số giấy tờ pháp lý của cá nhân:" */
    "so giay to phap ly",
    "giay to phap ly",
    NULL,
};

/* Numbers that look like ID numbers and are not: a 12-digit bank account or driving
 * licence, a tax or enterprise code. */
const char *const fx_lab_not_id[] = {
    "giay phep lai xe",
    "gplx",
    "so tai khoan",
    "tai khoan",
    "ma so thue",
    "ma so doanh nghiep",
    "ma so ho kinh doanh",
    "so seri",
    "so phat hanh",
    "so vao so",
    "hang",
    /* social and health insurance codes (10 digits, 15 on a card) */
    "ma so bhxh",
    "so so bhxh",
    "so bhxh",
    "ma bhxh",
    "ma so bao hiem xa hoi",
    "so the bhyt",
    "ma the bhyt",
    "the bhyt",
    "ma so ho",
    /* a payment's or a dossier's identifier, not a person's */
    "ma dinh danh khoan phai nop",
    "ma dinh danh khoan nop",
    "ma dinh danh ho so",
    NULL,
};

const char *const fx_lab_phone[] = {
    "so dien thoai lien he",
    "dien thoai lien he",
    "so dien thoai lien lac",
    "dien thoai lien lac",
    "dt lien he",
    "dt lien lac",
    "dien thoai nha rieng",
    "dien thoai nha",
    "dien thoai co quan",
    "so dien thoai",
    "dien thoai di dong",
    "so dtdd",
    "dtdd",
    "dien thoai co dinh",
    "dien thoai",
    "so dt",
    "sdt",
    "dt",
    "di dong",
    "so di dong",
    "duong day nong",
    "so may ban",
    "may ban",
    "hotline",
    "zalo",
    "truc ban", /* "(trực ban: 0272 3851 113)" */
    "tong dai", /* "tổng đài 0209 3882 516" */
    "goi den so",
    "goi so",
    "hoac goi",
    "vui long goi",
    "lien he so",
    /* "nhắn tin tới số 0855417306", "tin nhắn SMS đến số …" */
    "nhan tin toi so",
    "nhan tin den so",
    "nhan tin vao so",
    "nhan tin theo so",
    "tin nhan den so",
    "sms den so",
    "sms toi so",
    "tel",
    "mobile",
    "phone",
    NULL,
};

const char *const fx_lab_procedure[] = {
    "noi dung yeu cau giai quyet",
    "thu tuc de nghi giai quyet",
    "viec de nghi giai quyet",
    "yeu cau giai quyet",
    "thu tuc yeu cau giai quyet",
    "ten thu tuc hanh chinh",
    "ten thu tuc",
    "thu tuc hanh chinh",
    "loai thu tuc",
    "thu tuc",
    "noi dung yeu cau",
    /* (not "nội dung đề nghị": a declaration's request, "Đăng ký thường trú vào hộ gia đình
     * ông …", no procedure's name) */
    "da nop ho so de nghi",
    "linh vuc, thu tuc",
    "loai ho so",
    "ho so ve viec",
    NULL,
};

const char *const fx_lab_recipient[] = {
    "kinh gui",
    NULL,
};

const char *const fx_lab_received[] = {
    /* a receipt's closing sentence: "Hồ sơ được tiếp nhận hồi 14h50 ngày 21 tháng 11 năm
     * 2024." */
    "ho so duoc tiep nhan hoi",
    "ho so duoc tiep nhan luc",
    "ho so duoc tiep nhan vao",
    "thoi gian nhan ho so",
    "ngay nhan ho so",
    "thoi gian tiep nhan ho so",
    "thoi gian tiep nhan",
    "ngay tiep nhan ho so",
    "ngay tiep nhan",
    "nhan ho so luc",
    "tiep nhan luc",
    /* "Nhận hồ sơ hồi 09 giờ 20 phút": "hồi", at, as the South writes it */
    "nhan ho so hoi",
    "tiep nhan hoi",
    "thoi diem tiep nhan",
    "thoi diem nhan ho so",
    "thoi diem nhan",
    "ngay gio tiep nhan",
    "ngay gio nhan ho so",
    "ngay gio nhan",
    "thoi gian nhan",
    "nhan luc",
    "tiep nhan ho so",
    "nhan ho so",
    NULL,
};

const char *const fx_lab_due[] = {
    "thoi diem tra ket qua",
    "thoi gian tra ket qua",
    "ngay tra ket qua",
    "ngay hen tra ket qua",
    "hen tra ket qua",
    "ngay hen tra",
    "thoi gian hen tra ket qua",
    "thoi han tra ket qua",
    "ngay hen",
    "ngay gio tra ket qua",
    "ngay gio hen tra ket qua",
    "ngay gio hen tra",
    "thoi gian hen tra",
    /* "Hẹn trả chứng nhận đăng ký xe: …": what is returned, then the colon */
    "hen tra",
    /* "Trả kết quả lúc: 14 giờ 00, ngày …": the label runs on to its colon */
    "tra ket qua",
    NULL,
};

/* Headings over the receipt's two signatures: the one who filed, the officer who took it. */
const char *const fx_lab_giver[] = {
    "nguoi nop ho so", "nguoi yeu cau",   "nguoi khai",        "nguoi ke khai",
    "nguoi de nghi",   "nguoi lam don",   "nguoi nop",         "nguoi khieu nai",
    "nguoi to cao",    "nguoi kien nghi", "nguoi phan anh",    "chu xe",
    "chu tau",         "chu phuong tien", "chu ho kinh doanh", NULL,
};
const char *const fx_lab_taker[] = {
    "nguoi tiep nhan ho so",
    "can bo tiep nhan ho so",
    "can bo tiep nhan",
    "cong chuc tiep nhan ho so",
    "cong chuc tiep nhan",
    "nguoi tiep nhan",
    "cong chuc tu phap - ho tich",
    "cong chuc tu phap ho tich",
    "cong chuc tu phap",
    "cong chuc mot cua",
    "can bo mot cua",
    "nguoi nhan ho so",
    "can bo nhan ho so",
    "cong chuc nhan ho so",
    "chuyen vien tiep nhan ho so",
    "chuyen vien tiep nhan",
    "chuyen vien nhan ho so",
    /* public-service-unit staff (a land registration office's) and clerks */
    "vien chuc tiep nhan ho so",
    "vien chuc tiep nhan",
    "vien chuc nhan ho so",
    "nhan vien tiep nhan ho so",
    "nhan vien tiep nhan",
    "nhan vien nhan ho so",
    /* a commune's officer of any field ("CÔNG CHỨC ĐỊA CHÍNH - XÂY DỰNG") */
    "cong chuc",
    NULL,
};

/* Words of a signer's post ("PHÓ CHỦ TỊCH", "TRƯỞNG CÔNG AN PHƯỜNG"). */
const char *const fx_signer_titles[] = {
    "chu tich",       "giam doc",    "truong",         "pho",         "thu ky",    "chanh",
    "bi thu",         "uy vien",     "tong giam doc",  "hieu truong", "chu nhiem", "thu truong",
    "bo truong",      "can bo",      "chuyen vien",    "ke toan",     "dai dien",  "cuc truong",
    "chi cuc truong", "vien truong", "kiem dich vien", NULL,
};

/* Honorifics, ranks and posts in front of a name, dropped ("Thượng úy Hồ Sỹ Lực"). */
const char *const fx_honorifics[] = {
    "ong/ba",
    "ba/ong",
    "ong (ba)",
    "ong",
    "ba",
    "anh",
    "chi",
    "thuong ta",
    "trung ta",
    "thieu ta",
    "dai ta",
    "dai uy",
    "thuong uy",
    "trung uy",
    "thieu uy",
    "thuong si",
    "trung si",
    "ha si",
    "mr.",
    "mrs.",
    "ms.",
    "ho ong",
    "ho ba",
    /* clergy, whose titles go before their names as an honorific does ("của mục sư ĐIỂU
     * VĂN HỞI", "linh mục Giuse …") */
    "muc su",
    "linh muc",
    "thuong toa",
    "hoa thuong",
    "dai duc",
    "ni su",
    "su co",
    "truyen dao",
    NULL,
};

/* The first words of an issuing body's name: a line starting so opens a new body in the
 * header block (the one above is its parent). */
const char *const fx_body_words[] = {
    "uy ban",     "ubnd",       "hoi dong",  "hdnd",     "so",        "phong",    "ban",
    "trung tam",  "cong an",    "chi cuc",   "van phong", "cuc",      "tong cuc", "bo",
    "chi nhanh",  "benh vien",  "truong",    "kho bac",  "bao hiem",  "doan",     "toa an",
    "vien kiem sat", "thanh tra", "doi",     "cong ty",  NULL,
};

/* Words that start a part of an address ("xã Phước Hiệp", "ngõ 7", "Tổ 42"). */
const char *const fx_address_words[] = {
    "so nha",
    "so",
    "thon",
    "xom",
    "ap",
    "to dan pho",
    "to",
    "khu pho",
    "khu vuc",
    "khu do thi",
    "khu",
    /* a town's quarter in the northern uplands ("tiểu khu 4, thị trấn Mãn Đức") */
    "tieu khu",
    "duong",
    "pho",
    "ngo",
    "ngach",
    "hem",
    "kiet",
    "phuong",
    "xa",
    "thi tran",
    "quan",
    "huyen",
    "thi xa",
    "thanh pho",
    "tp",
    "tinh",
    "khoi",
    "ban",
    "buon",
    "lang",
    "lo",
    "phong",
    "toa",
    "tang",
    "cum",
    "doi",
    "quoc lo",
    "tinh lo",
    "dia chi",
    "khu pho",
    "can ho",
    "block",
    "bon",
    "plei",
    "soc",
    "khom",
    /* a foreign address's country: "…, 69001 Lyon, Cộng hòa Pháp" */
    "cong hoa",
    NULL,
};

/* Phrases of two or more syllables as they are spelled, for putting back the marks OCR
 * gets wrong ("KẾT QUÁ" for "KẾT QUẢ", "THÀNH PHÔ" for "THÀNH PHỐ"): administrative words
 * and the provinces' names. A phrase whose letters match one of these but whose marks do
 * not is respelled (fx_fix_marks). Single syllables are never respelled: too many words
 * differ only by their marks. */
const char *const fx_spellings[] = {
    "kết quả",
    "hồ sơ",
    "tiếp nhận",
    "hẹn trả",
    "trả kết quả",
    "thành phố",
    "thị xã",
    "thị trấn",
    "ủy ban nhân dân",
    "hội đồng nhân dân",
    "bộ phận một cửa",
    "một cửa",
    "đề nghị",
    "thủ tục hành chính",
    "thủ tục",
    "hành chính công",
    "hành chính",
    "đăng ký",
    "giải quyết",
    "chứng nhận",
    "xác nhận",
    "cuộc thi",
    "quyết định",
    "thông báo",
    /* a ward's and a commune's bodies, "PHƯỜNG" read without its tone */
    "công an phường",
    "ubnd phường",
    "ủy ban nhân dân phường",
    "công an",
    "trung tâm",
    "phục vụ",
    "văn phòng",
    "chi nhánh",
    "chi cục",
    "đất đai",
    "tư pháp",
    "sổ hộ tịch",
    "sổ hộ khẩu",
    "hộ tịch",
    "cư trú",
    "thường trú",
    "tạm trú",
    "khai sinh",
    "khai tử",
    "kết hôn",
    "xây dựng",
    "giấy phép",
    "an toàn thực phẩm",
    "kinh doanh",
    "doanh nghiệp",
    "hải sản",
    "công ty",
    "trách nhiệm hữu hạn",
    "bảo hiểm xã hội",
    "lao động",
    "thương binh",
    "xã hội",
    "tài nguyên",
    "môi trường",
    "kế hoạch",
    "đầu tư",
    "giao thông",
    "vận tải",
    "nông nghiệp",
    "phát triển nông thôn",
    "y tế",
    "giáo dục",
    "đào tạo",
    "văn hóa",
    "thể thao",
    "du lịch",
    "nội vụ",
    "tài chính",
    "quản lý",
    "chất lượng",
    "phiếu",
    "lý lịch",
    "nhà ở",
    "riêng lẻ",
    "tổ dân phố",
    "khu phố",
    "khu vực",
    "nguồn gốc",
    "sử dụng đất",
    "chi phí",
    "chi trả",
    "hỗ trợ",
    "trợ cấp",
    "bảo trợ xã hội",
    "hộ kinh doanh",
    "hộ gia đình",
    "giấy tờ",
    "đại diện",
    "người đại diện",
    "pháp luật",
    "cơ sở dữ liệu",
    "dữ liệu",
    "hư hỏng",
    "tài sản",
    "thủy sản",
    "nông sản",
    "lâm sản",
    "nông lâm sản",
    "thi công",
    "dột nát",
    "di dời",
    "hợp đồng",
    "nước ngoài",
    "sinh hoạt",
    "cây trồng",
    "tinh bột",
    "cổ phần",
    "một phần",
    "thẩm duyệt",
    "phòng cháy",
    "chữa cháy",
    "bản quyền",
    "thi hành án",
    "dân sự",
    /* signers' titles */
    "phó chủ tịch",
    "chủ tịch",
    "phó giám đốc",
    "giám đốc",
    "phó trưởng phòng",
    "trưởng phòng",
    "phó chánh văn phòng",
    "chánh văn phòng",
    /* provinces and the five cities */
    "an giang",
    "bà rịa - vũng tàu",
    "bà rịa",
    "vũng tàu",
    "bắc giang",
    "bắc kạn",
    "bạc liêu",
    "bắc ninh",
    "bến tre",
    "bình định",
    "bình dương",
    "bình phước",
    "bình thuận",
    "cà mau",
    "cần thơ",
    "cao bằng",
    "đà nẵng",
    "đắk lắk",
    "đắk nông",
    "điện biên",
    "đồng nai",
    "đồng tháp",
    "gia lai",
    "hà giang",
    "hà nam",
    "hà nội",
    "hà tĩnh",
    "hải dương",
    "hải phòng",
    "hậu giang",
    "hòa bình",
    "hưng yên",
    "khánh hòa",
    "kiên giang",
    "kon tum",
    "lai châu",
    "lâm đồng",
    "lạng sơn",
    "lào cai",
    "long an",
    "nam định",
    "nghệ an",
    "ninh bình",
    "ninh thuận",
    "phú thọ",
    "phú yên",
    "quảng bình",
    "quảng nam",
    "quảng ngãi",
    "quảng ninh",
    "quảng trị",
    "sóc trăng",
    "sơn la",
    "tây ninh",
    "thái bình",
    "thái nguyên",
    "thanh hóa",
    "thừa thiên huế",
    "tiền giang",
    "hồ chí minh",
    "trà vinh",
    "tuyên quang",
    "vĩnh long",
    "vĩnh phúc",
    "yên bái",
    NULL,
};
