/* cli_i18n.h - translated messages. _("text") is text in the language of the locale
 * (LC_MESSAGES, or LANGUAGE), from the "hoso" catalogue (po/LANG.po, installed as
 * share/locale/LANG/LC_MESSAGES/hoso.mo); N_("text") marks a string that is translated
 * where it is printed. Only what people read is translated: JSON keys, codes, field keys
 * and exit statuses stay as they are. The libraries' hs_err messages are translated by
 * hs_err_set itself (hs_tr, common/hs_common.h). cli_i18n_init (main.c) picks the catalogue
 * folder. */
#ifndef HS_CLI_I18N_H
#define HS_CLI_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#ifndef N_
#define N_(s) s
#endif

/* setlocale for LC_CTYPE and LC_MESSAGES only (numbers keep '.', as JSON and Tesseract
 * need), and the catalogue folder: $HOSO_LOCALEDIR, else ../share/locale beside the binary
 * (an installed hoso), else locale/ beside it (a build folder), else HOSO_LOCALEDIR. */
void cli_i18n_init(void);

#endif
