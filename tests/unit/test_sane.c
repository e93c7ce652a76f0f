/* test_sane.c - scanning through real SANE backends (test and pnm, configured by
 * SANE_CONFIG_DIR=tests/sane): an ADF run, faults injected between pages through the
 * module API, and every kind of frame a backend can hand back. */
#define _POSIX_C_SOURCE 200809L
#include <leptonica/allheaders.h>
#include <stdlib.h>

#include "scan.h"
#include "testhelp.h"

/* The test backend keeps its settings from one open to the next: start each case from
 * the same state. */
static int open_test(scan_device **d, hs_err *e)
{
    static const char *reset[] = {"mode", "Color", "three-pass", "no", "mode", "Gray", "depth", "8",
                                  "hand-scanner", "no", "read-limit", "no", "read-return-value",
                                  "Default", "source", "Flatbed", "test-picture", "Solid black",
                                  "resolution", "50", NULL};
    T_OK(scan_device_open("test:0", d, e));
    for (const char **o = reset; *o; o += 2)
        T_OK(scan_device_option(*d, o[0], o[1], e));
    return 0;
}

static int t_devices(void)
{
    scan_device_info *v = NULL;
    int n = 0, test = 0, pnm = 0;
    hs_err e;
    T_OK(scan_devices_list(&v, &n, &e));
    for (int i = 0; i < n; i++) {
        test |= strcmp(v[i].name, "test:0") == 0;
        pnm |= strcmp(v[i].name, "pnm:0") == 0;
    }
    free(v);
    T_ASSERT(test && pnm);
    return 0;
}

static int t_adf_fault_after_five(void)
{
    scan_device *d = NULL;
    hs_err e;
    T_OK(open_test(&d, &e));
    T_OK(scan_device_option(d, "source", "Automatic Document Feeder", &e));
    for (int i = 0; i < 5; i++) {
        PIX *pix = NULL;
        int dpi = 0;
        T_OK(scan_device_page(d, &pix, &dpi, &e));
        T_ASSERT(pix && dpi == 50);
        pixDestroy(&pix);
    }
    /* the sixth sheet jams */
    T_OK(scan_device_option(d, "read-return-value", "SANE_STATUS_JAMMED", &e));
    PIX *pix = NULL;
    int dpi = 0;
    T_ASSERT(scan_device_page(d, &pix, &dpi, &e) == HS_EIO && !pix);
    T_CONTAINS(e.msg, "jammed");
    /* cleared, the feeder goes on and then runs empty: 10 sheets in all */
    T_OK(scan_device_option(d, "read-return-value", "Default", &e));
    int more = 0;
    for (;;) {
        T_OK(scan_device_page(d, &pix, &dpi, &e));
        if (!pix)
            break;
        more++;
        pixDestroy(&pix);
    }
    T_ASSERT(more == 4);
    scan_device_close(d);
    return 0;
}

static int t_faults(void)
{
    static const char *faults[][2] = {
        {"SANE_STATUS_JAMMED", "jammed"},
        {"SANE_STATUS_COVER_OPEN", "cover is open"},
        {"SANE_STATUS_IO_ERROR", "I/O error"},
        {"SANE_STATUS_NO_DOCS", "ran out of paper"},
    };
    for (size_t i = 0; i < sizeof faults / sizeof faults[0]; i++) {
        scan_device *d = NULL;
        hs_err e;
        T_OK(open_test(&d, &e));
        T_OK(scan_device_option(d, "read-return-value", faults[i][0], &e));
        PIX *pix = NULL;
        int dpi;
        T_ASSERT(scan_device_page(d, &pix, &dpi, &e) != HS_OK && !pix);
        T_CONTAINS(e.msg, faults[i][1]);
        scan_device_close(d);
    }
    return 0;
}

/* a page of the kind asked for: its depth and size */
static int frame_case(const char *const *opts, int depth, int want_h)
{
    scan_device *d = NULL;
    hs_err e;
    T_OK(open_test(&d, &e));
    for (const char *const *o = opts; *o; o += 2)
        T_OK(scan_device_option(d, o[0], o[1], &e));
    PIX *pix = NULL;
    int dpi;
    T_OK(scan_device_page(d, &pix, &dpi, &e));
    T_ASSERT(pix != NULL);
    if (pixGetDepth(pix) != depth)
        fprintf(stderr, "depth %d, wanted %d\n", pixGetDepth(pix), depth);
    T_ASSERT(pixGetDepth(pix) == depth);
    T_ASSERT(pixGetWidth(pix) > 10 && pixGetHeight(pix) > (want_h ? want_h : 10));
    pixDestroy(&pix);
    scan_device_close(d);
    return 0;
}

static int t_frames(void)
{
    const char *gray16[] = {"depth", "16", "test-picture", "Color pattern", NULL};
    const char *line1[] = {"depth", "1", "test-picture", "Grid", NULL};
    const char *color[] = {"mode", "Color", "test-picture", "Color pattern", NULL};
    const char *three[] = {"mode", "Color", "three-pass", "yes", "test-picture", "Color pattern",
                           NULL};
    const char *hand[] = {"hand-scanner", "yes", NULL};
    const char *slow[] = {"read-limit", "yes", "read-limit-size", "100", NULL};
    T_OK(frame_case(gray16, 8, 0));
    T_OK(frame_case(line1, 1, 0));
    T_OK(frame_case(color, 32, 0));
    T_OK(frame_case(three, 32, 0));
    T_OK(frame_case(hand, 8, 0));
    T_OK(frame_case(slow, 8, 0));
    /* a 16-bit colour three-pass scan too */
    const char *c16[] = {"mode", "Color", "depth", "16", "three-pass", "yes", NULL};
    T_OK(frame_case(c16, 32, 0));
    return 0;
}

static int t_options(void)
{
    scan_device *d = NULL;
    hs_err e;
    T_OK(open_test(&d, &e));
    T_ASSERT(scan_device_option(d, "no-such-option", "1", &e) == HS_EINVAL);
    T_CONTAINS(e.msg, "no option 'no-such-option'");
    T_ASSERT(scan_device_option(d, "mode", "Purple", &e) == HS_EINVAL);
    T_CONTAINS(e.msg, "'Gray', 'Color'");
    T_ASSERT(scan_device_option(d, "resolution", "abc", &e) == HS_EINVAL);
    T_ASSERT(scan_device_option(d, "resolution", "99999", &e) == HS_EINVAL);
    T_OK(scan_device_option(d, "mode", "color", &e)); /* case does not matter */
    const char **list = NULL;
    T_ASSERT(scan_device_choices(d, "source", &list) && list[0]);
    scan_device_close(d);
    T_ASSERT(scan_device_open("nosuch:9", &d, &e) != HS_OK && !d);
    T_CONTAINS(e.msg, "nosuch:9");
    return 0;
}

static int t_pnm_page(void)
{
    scan_device *d = NULL;
    hs_err e;
    T_OK(scan_device_open("pnm:0", &d, &e));
    T_OK(scan_device_option(d, "filename", HS_TEST_DATA "/letter_top.pgm", &e));
    T_OK(scan_device_option(d, "resolution", "300", &e));
    PIX *pix = NULL, *ref = pixRead(HS_TEST_DATA "/letter_top.pgm");
    int dpi;
    T_OK(scan_device_page(d, &pix, &dpi, &e));
    T_ASSERT(pix && ref && dpi == 300);
    l_int32 same = 0;
    pixEqual(pix, ref, &same);
    T_ASSERT(same); /* the driver path hands back exactly the file's pixels */
    pixDestroy(&pix);
    pixDestroy(&ref);
    scan_device_close(d);
    return 0;
}

static const t_case cases[] = {
    {"devices", t_devices}, {"adf_fault_after_five", t_adf_fault_after_five},
    {"faults", t_faults},   {"frames", t_frames},
    {"options", t_options}, {"pnm_page", t_pnm_page},
};

int main(int argc, char **argv)
{
    scan_quiet();
    int rc = t_run(cases, sizeof cases / sizeof cases[0], argc, argv);
    scan_sane_exit();
    return rc;
}
