/* archive_int.h - helpers shared by the archive module's files. */
#ifndef HS_ARCHIVE_INT_H
#define HS_ARCHIVE_INT_H

/* 1 when path is relative, without "..", ".", empty components or backslashes. */
int arc_path_safe(const char *path);

#endif
