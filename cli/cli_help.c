/* cli_help.c - the help of every command, written once: synopsis, options, description and
 * examples. `hoso CMD --help`, `hoso help CMD` and usage errors print from it, and the man
 * pages in man/ are made from it (`hoso help --man CMD`; e2e.help checks they agree). */
#include <stdint.h>
#include <string.h>

#include "cli.h"
#include "cli_help.h"
#include "cli_i18n.h"

#define END                                                                                        \
    {                                                                                              \
        NULL, NULL                                                                                 \
    }

static const cli_help_opt ocr_opts[] = {
    {"-l, --lang L", N_("Tesseract languages, e.g. vie, eng, vie+eng (default vie)")},
    {"--no-clean", N_("read the pages as they are: no deskew, crop or despeckle")},
    {"--drop-blank", N_("leave blank pages out (an empty page is never read)")},
    {"--debug-dir DIR", N_("write the image of every cleanup step to DIR")},
    {"--timings", N_("print where the time went on stderr")},
    {"-h, --help", N_("print this help")},
    END,
};
static const cli_help_example ocr_ex[] = {
    {"hoso ocr --lang vie+eng letter.png", "the text of a letter in Vietnamese and English"},
    END,
};

static const cli_help_opt scan_opts[] = {
    {"--code CODE", N_("file under this code (letters, digits, '.', '_', '-'; at most 64)")},
    {"--agency AGENCY", N_("agency part of a generated code (wins over hoso.conf)")},
    {"--lang L", N_("Tesseract languages (default vie)")},
    {"--append", N_("add the pages to the existing dossier --code CODE")},
    {"--no-clean", N_("file the pages as they are: no deskew, crop or despeckle")},
    {"--drop-blank", N_("leave blank pages out")},
    {"--debug-dir DIR", N_("write the image of every cleanup step to DIR")},
    {"--json", N_("print {\"code\", \"archive\", \"pages\"} instead of the code")},
    {"--device NAME", N_("scan through SANE from scanner NAME (see hoso devices)")},
    {"--source flatbed|adf", N_("where the scanner takes the paper from")},
    {"--duplex", N_("scan both sides (feeder)")},
    {"--resolution DPI", N_("scan resolution (default: the scanner's)")},
    {"--mode color|gray|lineart", N_("scan mode")},
    {"--sane-option NAME=VALUE", N_("set a backend option, as scanimage --NAME=VALUE; repeatable")},
    {"--resume", N_("continue the interrupted scan of this device (see hoso pending)")},
    {"--timings", N_("print where the time went on stderr (with --device)")},
    {"--split", N_("cut the pages into dossiers at separator and cover sheets and receipts")},
    {"--dry-run", N_("with --split of files: print the planned dossiers, file nothing")},
    {"-h, --help", N_("print this help")},
    END,
};
static const cli_help_example scan_ex[] = {
    {"hoso scan 01-giay-tiep-nhan.png 02-don.tif",
     "file one dossier of two files, receipt first; prints its code"},
    {"hoso scan --append --code 000.27.30.H34-200311-0015 bo-sung.png",
     "add a page handed in later to a dossier"},
    {"hoso scan --device pnm:0 --source adf --duplex --resolution 300",
     "scan a dossier from the feeder and file it"},
    {"hoso scan --split --drop-blank --dry-run stack.tif",
     "show how a stack of dossiers would be cut, without filing"},
    END,
};

static const cli_help_opt search_opts[] = {
    {"--json", N_("print the results as JSON")},
    {"-n, --limit N", N_("at most N lines (default 20)")},
    {"--from YYYY-MM-DD", N_("dossiers dated on or after this day")},
    {"--to YYYY-MM-DD", N_("dossiers dated on or before this day")},
    {"--code PREFIX", N_("dossiers whose code starts with PREFIX")},
    {"--field KEY=VALUE", N_("dossiers whose field KEY contains VALUE; repeatable (at most 16)")},
    {"--dossiers", N_("one line per dossier instead of per page")},
    {"--needs-review", N_("dossiers with fields or pages to check")},
    {"-h, --help", N_("print this help")},
    END,
};
static const cli_help_example search_ex[] = {
    {"hoso search \"ho so dang ky\"", "finds \"hồ sơ đăng ký\" with or without diacritics"},
    {"hoso search --dossiers --from 2020-02-01 --to 2020-02-29 \"Vạn Ninh\"",
     "dossiers of February 2020 naming Vạn Ninh"},
    {"hoso search --field applicant=\"pham minh tuan\" --dossiers",
     "every dossier of one applicant, newest first"},
    END,
};

static const cli_help_opt show_opts[] = {
    {"--json", N_("print the record (dossier.json) as JSON")},
    {"--events", N_("list the dossier's event log (capture, OCR, fixity checks...)")},
    {"-h, --help", N_("print this help")},
    END,
};
static const cli_help_example show_ex[] = {
    {"hoso show 000.27.30.H34-200311-0015", "pages, fields and event log of a dossier"},
    {"hoso show --events --json 000.27.30.H34-200311-0015", "its event log for a program"},
    END,
};

static const cli_help_opt export_opts[] = {
    {"--text", N_("print the text of every page")},
    {"--dir DIR", N_("unpack the dossier's bag into DIR/CODE (never over an existing one)")},
    {"--pdf FILE", N_("write the dossier's PDF/A to FILE (a new file only)")},
    {"-h, --help", N_("print this help")},
    END,
};
static const cli_help_example export_ex[] = {
    {"hoso export 000.27.30.H34-200311-0015 --text", "the dossier's text on stdout"},
    {"hoso export 000.27.30.H34-200311-0015 --dir /media/usb", "its BagIt bag on a USB disk"},
    {"hoso export 000.27.30.H34-200311-0015 --pdf ho-so.pdf", "one PDF/A to print or send"},
    END,
};

static const cli_help_opt help_only[] = {
    {"-h, --help", N_("print this help")},
    END,
};
static const cli_help_example verify_ex[] = {
    {"hoso verify", "check every archive and the index"},
    {"hoso verify 000.27.30.H34-200311-0015", "check one dossier"},
    END,
};
static const cli_help_example reindex_ex[] = {
    {"hoso reindex", "rebuild a lost or damaged index"},
    END,
};

static const cli_help_opt batch_opts[] = {
    {"-j, --jobs N", N_("N workers, each with its own Tesseract (default: one per core)")},
    {"--json", N_("print progress and the summary as JSON lines")},
    {"--shard K/N", N_("take only the K-th of N equal shares of the inputs (several machines)")},
    {"--lang L", N_("Tesseract languages (default vie)")},
    {"--agency A", N_("agency part of generated codes (wins over hoso.conf)")},
    {"--page-timeout SEC", N_("give up on a page after SEC seconds of OCR")},
    {"--report", N_("list what failed in earlier batches, and why")},
    {"--split", N_("an input is a stack: cut it into dossiers as scan --split does")},
    {"--drop-blank", N_("leave blank pages out")},
    {"-h, --help", N_("print this help")},
    END,
};
static const cli_help_example batch_ex[] = {
    {"hoso batch -j 4 /srv/scans/2019", "file every folder of a backlog, four at a time"},
    {"hoso batch --report", "what failed, and why"},
    {"hoso batch --shard 1/2 /srv/scans", "the first half of a backlog, on this machine"},
    END,
};

static const cli_help_example merge_ex[] = {
    {"hoso --home /srv/hoso merge /mnt/may1/hoso /mnt/may2/hoso",
     "fold two batch shards into the archive"},
    END,
};

static const cli_help_opt json_opts[] = {
    {"--json", N_("print the list as JSON")},
    {"-h, --help", N_("print this help")},
    END,
};
static const cli_help_example devices_ex[] = {
    {"hoso devices", "the scanner names to give to scan --device"},
    END,
};
static const cli_help_example pending_ex[] = {
    {"hoso pending", "scans stopped by a jam, an open cover or Ctrl-C"},
    {"hoso scan --device pnm:0 --resume", "continue one and file it"},
    END,
};

static const cli_help_opt serve_opts[] = {
    {"--listen ADDR:PORT", N_("where to listen (default 127.0.0.1:8080)")},
    {"--token TOKEN", N_("require this access token (16 to 256 printable characters)")},
    {"--token-file FILE", N_("read the access token from FILE")},
    {"--threads N", N_("threads answering requests (default: one per core, 2 to 64)")},
    {"--timeout SECONDS", N_("time a request may take to arrive (default 30)")},
    {"--time-zone ZONE", N_("show times in this zone (default Asia/Ho_Chi_Minh)")},
    {"-h, --help", N_("print this help")},
    END,
};
static const cli_help_example serve_ex[] = {
    {"hoso serve", "browse the archive at http://127.0.0.1:8080/"},
    {"hoso serve --listen 0.0.0.0:8080 --token-file /etc/hoso/token",
     "serve the office network, with a token"},
    END,
};

static const cli_help_opt status_opts[] = {
    {"--at TIME", N_("when it happened (YYYY-MM-DD or YYYY-MM-DDTHH:MM; default now)")},
    {"--due TIME", N_("set the deadline (the end of that day for a date)")},
    {"--days N", N_("set the deadline N working days after reception")},
    {"--calendar FILE", N_("the public holidays (default: holidays-vn.txt of hoso's data)")},
    {"--import FILE.tsv", N_("take the statuses of a register exported as TSV")},
    {"--overdue", N_("list the open dossiers past their deadline, longest overdue first")},
    {"--now TIME", N_("with --overdue: overdue as of TIME (default now)")},
    {"--json", N_("print the status as JSON")},
    {"-h, --help", N_("print this help")},
    END,
};
static const cli_help_example status_ex[] = {
    {"hoso status 000.27.30.H34-200311-0015", "its status, reception, deadline and return"},
    {"hoso status 000.27.30.H34-200311-0015 processing --days 15",
     "being processed, due in 15 working days"},
    END,
};
static const cli_help_opt return_opts[] = {
    {"--at TIME", N_("when the result was handed back (default now)")},
    {"--json", N_("print the status as JSON")},
    {"-h, --help", N_("print this help")},
    END,
};
static const cli_help_example return_ex[] = {
    {"hoso return 000.27.30.H34-200311-0015", "the result was handed to the citizen now"},
    END,
};
static const cli_help_opt due_opts[] = {
    {"--days N", N_("due N working days after reception (or --from)")},
    {"--at TIME", N_("due at TIME (the end of that day for a date)")},
    {"--from TIME", N_("count the working days from TIME")},
    {"--calendar FILE", N_("the public holidays (default: holidays-vn.txt of hoso's data)")},
    {"--json", N_("print the status as JSON")},
    {"-h, --help", N_("print this help")},
    END,
};
static const cli_help_example due_ex[] = {
    {"hoso due 000.27.30.H34-200311-0015 --days 10", "due ten working days after reception"},
    END,
};
static const cli_help_opt stats_opts[] = {
    {"--from DATE", N_("the first day of the period (YYYY-MM-DD or YYYY-MM)")},
    {"--to DATE", N_("the last day of the period")},
    {"--by agency|procedure|month", N_("one line per agency, procedure or month")},
    {"--json", N_("print the counts as JSON")},
    {"--csv", N_("print the counts as CSV")},
    {"--now TIME", N_("count overdue dossiers as of TIME (default now)")},
    {"-h, --help", N_("print this help")},
    END,
};
static const cli_help_example stats_ex[] = {
    {"hoso stats --from 2026-01-01 --to 2026-03-31 --by month",
     "the quarter's report, month by month"},
    END,
};
static const cli_help_opt user_opts[] = {
    {"--role reviewer|archivist|admin", N_("what the new user may do")},
    {"--json", N_("print the list as JSON")},
    {"-h, --help", N_("print this help")},
    END,
};
static const cli_help_example user_ex[] = {
    {"hoso user add lan --role reviewer", "a reviewer; the password is asked twice"},
    {"hoso user list", "who may sign in"},
    END,
};
static const cli_help_opt dupes_opts[] = {
    {"--json", N_("print the pairs as JSON")},
    {"--min-similarity X", N_("pages whose text is at least this similar (above 0, at most 1)")},
    {"-h, --help", N_("print this help")},
    END,
};
static const cli_help_example dupes_ex[] = {
    {"hoso dupes", "pages and dossiers filed twice in the archive"},
    {"hoso dupes 000.27.30.H34-200311-0015", "those of one dossier"},
    END,
};
static const cli_help_opt sheet_opts[] = {
    {"-o, --output FILE.pdf", N_("write the sheets to this new PDF")},
    {"--separator", N_("a separator sheet too (alone when no CODE is given)")},
    {"-h, --help", N_("print this help")},
    END,
};
static const cli_help_example sheet_ex[] = {
    {"hoso sheet -o covers.pdf 000.27.30.H34-200311-0015 000.27.30.H34-200311-0016",
     "cover sheets for two dossiers"},
    {"hoso sheet --separator -o sep.pdf", "a separator sheet"},
    END,
};

static const cli_help_opt doctor_opts[] = {
    {"--no-sane", N_("skip the scanner check")},
    {"--sane-timeout SEC", N_("give up looking for scanners after SEC seconds (default 10)")},
    {"-h, --help", N_("print this help")},
    END,
};
static const cli_help_example doctor_ex[] = {
    {"hoso doctor", "check this machine and the data home"},
    {"hoso --home /srv/hoso doctor --no-sane", "check a server without scanners"},
    END,
};

static const cli_help table[] = {
    {"ocr", N_("print the recognised text of image files"),
     "hoso ocr [--lang L] [--no-clean] [--drop-blank] [--debug-dir DIR] [--timings] FILE...",
     ocr_opts,
     "Cleans up and recognises every page of every FILE (PNG, JPEG, TIFF, PNM images, PDF) and "
     "prints its text on stdout, pages separated by a form-feed line. A born-digital PDF "
     "page is not OCR'd: its own text is printed, as scan files it. Nothing is "
     "filed: use it to try a scan or a language.",
     ocr_ex},
    {"scan", N_("file one dossier made of image files"),
     "hoso scan [--code CODE] [--agency AGENCY] [--lang L] [--append] [--no-clean]\n"
     "          [--drop-blank] [--debug-dir DIR] [--json] FILE...\n"
     "hoso scan --device NAME [--source flatbed|adf] [--duplex] [--resolution DPI]\n"
     "          [--mode color|gray|lineart] [--sane-option NAME=VALUE]... [--resume]\n"
     "          [--code CODE] [--append] [--json] [--timings]\n"
     "hoso scan --split [--drop-blank] [--dry-run] [--json] FILE...\n"
     "hoso scan --device NAME --split [--drop-blank] [scanner options] [--json]",
     scan_opts,
     "Files ONE dossier (hồ sơ) made of all the pages of the FILEs, in the order given, or of "
     "the pages a scanner feeds with --device. Each page is cleaned up, recognised, its fields "
     "extracted; the pages, text and record go into a BagIt bag in a zip under the home's "
     "archive folder, and the dossier is indexed. The dossier code is printed.\n\n"
     "Without --code, the code printed on a one-stop receipt (Giấy tiếp nhận hồ sơ) is taken "
     "when the first page is one; otherwise a code <agency>-<YYMMDD>-<NNNN> is generated, the "
     "agency from --agency, else agency = ... in HOME/hoso.conf, else 000.00.00.H00. A code "
     "is never given twice; no archive is ever replaced.\n\n"
     "With --device, pages are kept in HOME/pending/ as they arrive: a jam, an open cover or "
     "Ctrl-C leaves them there, and --resume continues the scan.",
     scan_ex},
    {"search", N_("search the index: matching pages, best first"),
     "hoso search [--json] [--limit N] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--code PREFIX]\n"
     "            [--field KEY=VALUE]... [--dossiers] [--needs-review] [QUERY]",
     search_opts,
     "Prints the pages matching QUERY, best first, hits marked [like this]. Search folds "
     "diacritics and đ (ho so dang ky finds \"hồ sơ đăng ký\"), ranks exact-diacritic matches "
     "first, and understands \"phrases\", OR, -word and prefix*; identifiers are found however "
     "they are typed (qd-ubnd 412, 0905 118 274).\n\n"
     "With a filter (--field, --from, --to, --code, --needs-review) the query may be left "
     "out: the filter alone lists what it selects, newest dossier first. The dates are the "
     "dossier's: received_at from its receipt, else the issue date of a document in it, else "
     "the day it was filed. The field keys are those hoso show prints.",
     search_ex},
    {"show", N_("print a dossier record: pages, fields, event log"),
     "hoso show [--json] [--events] CODE", show_opts,
     "Prints the record of dossier CODE (its dossier.json): pages with their confidence, "
     "extracted fields (a value marked \"a guess: check it\" needs a look), and the event "
     "log. Nothing is changed.",
     show_ex},
    {"export", N_("write a dossier's text or unpack its bag"),
     "hoso export CODE (--text | --dir DIR | --pdf FILE)", export_opts,
     "With --text, prints the text of every page of dossier CODE. With --dir, unpacks its "
     "BagIt bag into DIR/CODE after checking its fixity; an existing bag, and symbolic links "
     "on the way, are refused, and a failed export leaves nothing behind. With --pdf, writes the "
     "dossier's searchable PDF/A (page images with their text) to a new FILE.",
     export_ex},
    {"verify", N_("check the fixity of archives and the index"), "hoso verify [CODE...]", help_only,
     "Checks every archive (or those of the CODEs) against its BagIt manifests and the index, "
     "and the index itself (SQLite integrity, full-text index). Each problem is one line; "
     "the exit status is 1 when there is one. Temporary zips of writers that are gone are "
     "cleared.",
     verify_ex},
    {"reindex", N_("rebuild the index from the archives"), "hoso reindex", help_only,
     "Builds a new index from the archives alone (a damaged index file is moved aside "
     "first). The archives are the record; the index can always be rebuilt.",
     reindex_ex},
    {"batch", N_("digitise a backlog: folders or list files, in parallel, resumable"),
     "hoso batch [-j N] [--json] [--shard K/N] [--lang L] [--agency A] [--page-timeout SEC]\n"
     "           [--split [--drop-blank]] SRC...\n"
     "hoso batch --report [--json]",
     batch_opts,
     "Files a backlog unattended. Each folder under SRC holding image files is one dossier "
     "(or each multi-page TIFF of a folder holding several); a list file gives "
     "code<TAB>file[,file...] lines. Running the same command after a crash, a kill or a power "
     "cut files every dossier exactly once. --report lists what failed, and why.",
     batch_ex},
    {"merge", N_("fold other homes (batch shards) into this one"),
     "hoso [--home DIR] merge [--tokenize] HOME...", help_only,
     "Copies the dossiers of each HOME into the data home and indexes them. A code already "
     "taken by another dossier is reported as a conflict and left out; nothing is replaced. "
     "The full-text index of a batch shard's home (batch --shard) is copied whole; "
     "--tokenize reads its page text again instead.",
     merge_ex},
    {"devices", N_("list the scanners SANE sees"), "hoso devices [--json]", json_opts,
     "Lists the scanners SANE finds (name, vendor, model, type); give a name to "
     "scan --device.",
     devices_ex},
    {"pending", N_("list scans interrupted before they were filed"), "hoso pending [--json]",
     json_opts,
     "Lists the scans kept in HOME/pending/ that a jam, an open cover, a lost device or "
     "Ctrl-C stopped: device, code and pages. hoso scan --device NAME --resume continues one.",
     pending_ex},
    {"serve", N_("the web interface and JSON API for archivists (read-only)"),
     "hoso serve [--listen ADDR:PORT] [--token TOKEN | --token-file FILE] [--threads N]\n"
     "           [--timeout SECONDS] [--time-zone ZONE]",
     serve_opts,
     "Serves the archive in a browser: search, dossier records and page images, and the same "
     "results as JSON under /api/. Nothing can be changed through it. Listening on another "
     "address than the loopback needs a token.",
     serve_ex},
    {"status", N_("show or set a dossier's status and deadline"),
     "hoso status CODE [STATUS] [--at TIME] [--due TIME | --days N] [--calendar FILE] [--json]\n"
     "hoso status --import FILE.tsv\n"
     "hoso status --overdue [--now TIME] [--json]",
     status_opts,
     "Without STATUS, prints the dossier's status (received, processing, returned, "
     "withdrawn), when it was received, its deadline and its return. With STATUS, sets it; "
     "--due or --days set the deadline, counted in working days without the public holidays "
     "of the calendar. Every change is an event of the dossier. --import takes the statuses "
     "of a one-stop register exported as TSV. --overdue lists the open dossiers past their "
     "deadline.",
     status_ex},
    {"return", N_("record that a dossier's result was handed back"),
     "hoso return CODE [--at TIME] [--json]", return_opts,
     "Sets the dossier's status to returned, at TIME or now; the one-stop report counts it "
     "early, on time or late against its deadline.",
     return_ex},
    {"due", N_("set a dossier's deadline in working days"),
     "hoso due CODE (--days N | --at TIME) [--from TIME] [--calendar FILE] [--json]", due_opts,
     "Sets the deadline of dossier CODE: N working days (weekends and the calendar's public "
     "holidays left out) after its reception or --from, or a given time.",
     due_ex},
    {"stats", N_("the one-stop report: received, on time, late, overdue"),
     "hoso stats --from DATE --to DATE [--by agency|procedure|month] [--json|--csv]\n"
     "           [--now TIME]",
     stats_opts,
     "Counts the dossiers received in the period: settled early, on time or late, still open, "
     "overdue, and the on-time rate, in total or per agency, procedure or month.",
     stats_ex},
    {"user", N_("the people who may sign in to hoso serve and correct fields"),
     "hoso user add NAME --role reviewer|archivist|admin\n"
     "hoso user list [--json]\n"
     "hoso user del NAME",
     user_opts,
     "Manages the users of the web interface, kept in the home's index. A password is read "
     "from standard input, or asked twice without echo at a terminal; it never appears on "
     "the command line.",
     user_ex},
    {"dupes", N_("pages and dossiers filed twice"),
     "hoso dupes [--json] [--min-similarity X] [CODE]", dupes_opts,
     "Lists pages filed twice across the archive (the same archival image, or nearly the same "
     "text) and dossiers every page of which repeats another. Nothing is removed: a person "
     "decides.",
     dupes_ex},
    {"sheet", N_("print cover and separator sheets for splitting stacks"),
     "hoso sheet [--separator] -o FILE.pdf [CODE...]", sheet_opts,
     "Writes a PDF of cover sheets, one per CODE (the code as a QR code and in large type), "
     "and a separator sheet, to put between dossiers in a stack scanned with scan --split. "
     "An existing file is never overwritten.",
     sheet_ex},
    {"doctor", N_("check that this machine can run hoso, and the data home"),
     "hoso doctor [--no-sane] [--sane-timeout SEC]", doctor_opts,
     "Checks the Tesseract language data (vie, eng), the scanners SANE sees, free space and "
     "inodes in the data home, the index's integrity, write permission in the home and a "
     "UTF-8 locale. Prints one line per check: \"ok\" and what was found, or \"FAIL\" and what "
     "to do. The exit status is 1 when a check failed.",
     doctor_ex},
};

const cli_help *cli_help_find(const char *name)
{
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strcmp(table[i].name, name) == 0)
            return &table[i];
    return NULL;
}

const cli_help *cli_help_at(size_t i)
{
    return i < sizeof table / sizeof table[0] ? &table[i] : NULL;
}

/* the synopsis lines after "usage: ", continuation lines indented to match */
static void print_synopsis(FILE *f, const char *syn)
{
    /* continuation lines line up under the first, however long "usage:" is translated */
    const char *label = _("usage:");
    int width = 1;
    for (const char *p = label; *p; p++)
        width += ((unsigned char)*p & 0xc0) != 0x80; /* characters, not bytes */
    fprintf(f, "%s ", label);
    for (const char *p = syn; *p; p++) {
        fputc(*p, f);
        if (*p == '\n')
            fprintf(f, "%*s", width, "");
    }
    fputc('\n', f);
}

void cli_help_usage(FILE *f, const char *name)
{
    const cli_help *h = cli_help_find(name);
    if (h)
        print_synopsis(f, h->synopsis);
    else
        fprintf(f, "%s hoso %s ...\n", _("usage:"), name);
}

int cli_help_print(FILE *f, const char *name)
{
    const cli_help *h = cli_help_find(name);
    if (!h) {
        cli_error(_("help: no command '%s'"), name);
        return EXIT_USAGE;
    }
    print_synopsis(f, h->synopsis);
    fprintf(f, "\n%s\n\n%s\n", _(h->summary), _("options:"));
    for (const cli_help_opt *o = h->opts; o->flags; o++) {
        if (strlen(o->flags) < 27)
            fprintf(f, "  %-27s %s\n", o->flags, _(o->text));
        else
            fprintf(f, "  %s\n  %-27s %s\n", o->flags, "", _(o->text));
    }
    fputc('\n', f);
    fprintf(f, _("The data home is --home, else $HOSO_HOME, else ./hoso-data. More: man hoso-%s"),
            name);
    fputc('\n', f);
    return EXIT_OK;
}

/* roff text: '-' and '\' escaped, a leading '.' or '\'' defused, and characters past
 * ASCII as \[uXXXX], so that groff reads the page without preconv in any locale */
static void roff(FILE *f, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    if (*p == '.' || *p == '\'')
        fputs("\\&", f);
    while (*p) {
        if (*p == '-') {
            fputs("\\-", f);
            p++;
        } else if (*p == '\\') {
            fputs("\\e", f);
            p++;
        } else if (*p < 0x80) {
            fputc(*p++, f);
        } else {
            uint32_t cp;
            int n = (*p & 0xe0) == 0xc0 ? 1 : (*p & 0xf0) == 0xe0 ? 2 : (*p & 0xf8) == 0xf0 ? 3 : 0;
            cp = n == 1 ? *p & 0x1f : n == 2 ? *p & 0x0f : *p & 0x07;
            p++;
            for (int k = 0; k < n && (*p & 0xc0) == 0x80; k++)
                cp = cp << 6 | (*p++ & 0x3f);
            if (n == 0)
                cp = 0xfffd;
            fprintf(f, "\\[u%04X]", (unsigned)cp);
        }
    }
}

/* paragraphs separated by "\n\n", lines by '\n' (kept as lines with .br) */
static void roff_paragraphs(FILE *f, const char *text)
{
    char buf[4096];
    size_t n = 0;
    fputs(".PP\n", f);
    for (const char *p = text;; p++) {
        if (*p == '\n' || !*p || n + 1 >= sizeof buf) {
            buf[n] = '\0';
            roff(f, buf);
            fputc('\n', f);
            n = 0;
            if (!*p)
                break;
            if (p[1] == '\n') {
                fputs(".PP\n", f);
                p++;
            } else if (*p == '\n') {
                fputs(".br\n", f);
            }
            continue;
        }
        buf[n++] = *p;
    }
}

static void man_head(FILE *f, const char *title, const char *cmd, const char *summary)
{
    fprintf(f,
            ".\\\" %s.1 - made from cli/cli_help.c by `hoso help --man%s%s`: edit that "
            "file, then run cmake --build BUILD --target man\n",
            title, cmd ? " " : "", cmd ? cmd : "");
    fputs(".TH ", f);
    for (const char *p = title; *p; p++)
        fputc(*p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p, f);
    /* .nh: command and option names are not hyphenated */
    fprintf(f, " 1 \"\" \"hoso %s\" \"hoso manual\"\n.nh\n.SH NAME\n", HS_VERSION);
    roff(f, title);
    fputs(" \\- ", f);
    roff(f, summary);
    fputc('\n', f);
}

static void man_synopsis_line(FILE *f, const char *line, size_t len)
{
    char buf[512];
    if (len >= sizeof buf)
        len = sizeof buf - 1;
    memcpy(buf, line, len);
    buf[len] = '\0';
    if (strncmp(buf, "hoso ", 5) == 0) {
        /* the command in bold, the rest as typed */
        const char *rest = buf + 5;
        const char *sp = strchr(rest, ' ');
        size_t cmd = sp ? (size_t)(sp - rest) : strlen(rest);
        if (rest[0] == '[')
            cmd = 0;
        fputs("\\fBhoso", f);
        if (cmd) {
            fputc(' ', f);
            fwrite(rest, 1, cmd, f);
        }
        fputs("\\fR", f);
        roff(f, rest + cmd);
    } else {
        roff(f, buf);
    }
    fputc('\n', f);
}

static void man_common_tail(FILE *f, const char *see_also)
{
    fputs(".SH EXIT STATUS\n.TP\n.B 0\nsuccess\n.TP\n.B 1\nsome work failed; each failure is "
          "one line on standard error\n.TP\n.B 2\nusage error: an unknown option, a missing or "
          "bad argument\n",
          f);
    fputs(".SH ENVIRONMENT\n.TP\n.B HOSO_HOME\nthe data home when \\-\\-home is not given "
          "(else ./hoso\\-data)\n.TP\n.B TMPDIR\nwhere pages are prepared before filing\n"
          ".TP\n.B TESSDATA_PREFIX\nwhere Tesseract finds its language data\n",
          f);
    fputs(".SH FILES\n.TP\n.I HOME/hoso.conf\n\\fBagency =\\fR the agency code of generated "
          "dossier codes; \\fBreview_confidence =\\fR the confidence below which a field needs "
          "review\n.TP\n.I HOME/archive/YYYY/CODE.zip\none dossier: a BagIt bag (page images, "
          "text, hOCR/ALTO, searchable PDF, dossier.json, events.jsonl) in a zip\n.TP\n"
          ".I HOME/index.sqlite\nthe SQLite FTS5 index, rebuilt from the archives by "
          "\\fBhoso reindex\\fR\n.TP\n.I HOME/pending/\nscans interrupted before they were "
          "filed\n.TP\n.I /usr/share/doc/hoso/\nthe reception, archivist and batch guides\n",
          f);
    fprintf(f, ".SH SEE ALSO\n%s\n", see_also);
}

int cli_help_man(FILE *f, const char *name, const char *const *commands)
{
    if (!name) {
        man_head(f, "hoso", NULL, "digitise and search one-stop public-service dossiers");
        fputs(".SH SYNOPSIS\n.nf\n\\fBhoso\\fR [\\-\\-home DIR] \\fICOMMAND\\fR [ARGS...]\n"
              "\\fBhoso help\\fR [\\fICOMMAND\\fR]\n\\fBhoso\\fR \\-\\-version\n.fi\n"
              ".SH DESCRIPTION\n",
              f);
        roff_paragraphs(f, "hoso turns paper dossiers (hồ sơ) into searchable digital case "
                           "files for a Vietnamese one-stop public service centre (Bộ phận Một "
                           "cửa): image files or a scanner, cleanup, OCR (Tesseract, "
                           "Vietnamese), a BagIt bag in a zip per dossier, a SQLite FTS5 index, "
                           "search in a terminal or a browser.\n\n"
                           "Every command works in one data home: --home DIR, else $HOSO_HOME, "
                           "else ./hoso-data. hoso help COMMAND, hoso COMMAND --help and "
                           "man hoso-COMMAND describe each command.");
        fputs(".SH OPTIONS\n.TP\n.BI \\-\\-home \" DIR\"\nthe data home\n.TP\n"
              ".BR \\-h \", \" \\-\\-help\nlist the commands\n.TP\n.B \\-\\-version\n"
              "print the version of hoso and of Tesseract\n.SH COMMANDS\n",
              f);
        for (const char *const *c = commands; *c; c++) {
            const cli_help *h = cli_help_find(*c);
            if (!h)
                continue;
            fprintf(f, ".TP\n.BR hoso\\-%s (1)\n", h->name);
            roff(f, h->summary);
            fputc('\n', f);
        }
        fputs(".TP\n.B help\nthe help of hoso or of a command\n", f);
        fputs(".SH EXAMPLES\n", f);
        static const cli_help_example ex[] = {
            {"export HOSO_HOME=/srv/hoso", "choose the data home once"},
            {"hoso scan 01-giay-tiep-nhan.png 02-don.tif", "file a dossier"},
            {"hoso search --dossiers \"giấy phép xây dựng\"", "find it again"},
            {"hoso doctor", "check the machine after installing"},
            END,
        };
        for (const cli_help_example *e = ex; e->cmd; e++) {
            fputs(".PP\n", f);
            roff(f, e->text);
            fputs(":\n.RS\n.nf\n", f);
            roff(f, e->cmd);
            fputs("\n.fi\n.RE\n", f);
        }
        char see[2048];
        size_t n = 0;
        for (const char *const *c = commands; *c && n < sizeof see - 64; c++)
            if (cli_help_find(*c))
                n += (size_t)snprintf(see + n, sizeof see - n, "%s.BR hoso\\-%s (1)",
                                      n ? ",\n" : "", *c);
        man_common_tail(f, see);
        return EXIT_OK;
    }
    const cli_help *h = cli_help_find(name);
    if (!h) {
        cli_error(_("help: no command '%s'"), name);
        return EXIT_USAGE;
    }
    char title[64];
    snprintf(title, sizeof title, "hoso-%s", h->name);
    man_head(f, title, h->name, h->summary);
    fputs(".SH SYNOPSIS\n.nf\n", f);
    for (const char *p = h->synopsis;;) {
        const char *nl = strchr(p, '\n');
        man_synopsis_line(f, p, nl ? (size_t)(nl - p) : strlen(p));
        if (!nl)
            break;
        p = nl + 1;
    }
    fputs(".fi\n.SH DESCRIPTION\n", f);
    roff_paragraphs(f, h->description);
    fputs(".SH OPTIONS\n", f);
    for (const cli_help_opt *o = h->opts; o->flags; o++) {
        fputs(".TP\n\\fB", f);
        /* the flags in bold, their argument in italics */
        const char *arg = NULL;
        for (const char *p = o->flags; *p; p++)
            if (*p == ' ' && p[1] != '-' && p[-1] != ',') {
                arg = p;
                break;
            }
        char flags[128];
        size_t fl = arg ? (size_t)(arg - o->flags) : strlen(o->flags);
        snprintf(flags, sizeof flags, "%.*s", (int)fl, o->flags);
        roff(f, flags);
        fputs("\\fR", f);
        if (arg) {
            fputs(" \\fI", f);
            roff(f, arg + 1);
            fputs("\\fR", f);
        }
        fputc('\n', f);
        roff(f, o->text);
        fputc('\n', f);
    }
    fputs(".SH EXAMPLES\n", f);
    for (const cli_help_example *e = h->examples; e->cmd; e++) {
        fputs(".PP\n", f);
        roff(f, e->text);
        fputs(":\n.RS\n.nf\n", f);
        roff(f, e->cmd);
        fputs("\n.fi\n.RE\n", f);
    }
    man_common_tail(f, ".BR hoso (1)");
    return EXIT_OK;
}
