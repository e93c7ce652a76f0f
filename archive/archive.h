/* archive.h - dossier archives: one BagIt 1.0 bag (RFC 8493) in one top-level folder,
 * zipped. Writing builds the bag in memory, writes the zip under a temporary name, syncs
 * it and only then renames it into place. Reading checks fixity against the manifests.
 * Objects are not thread-safe; separate objects may be used from separate threads. */
#ifndef HS_ARCHIVE_H
#define HS_ARCHIVE_H

#include <stddef.h>

#include "hs_common.h"

typedef struct arc_bag arc_bag;

/* A new empty bag whose top folder is name (the dossier code). */
int arc_bag_new(const char *name, arc_bag **out, hs_err *err);
void arc_bag_free(arc_bag *b);
/* Adds a bag-info.txt line. Payload-Oxum and Bagging-Date are added by arc_bag_write. */
int arc_bag_info_add(arc_bag *b, const char *key, const char *value, hs_err *err);
/* Adds a payload file at path (relative to data/, e.g. "images/0001.png"). Takes ownership
 * of data (malloc'd), also on failure. store: 1 to store without compression (for
 * already-compressed images), 0 to deflate. */
int arc_bag_add(arc_bag *b, const char *path, char *data, size_t len, int store, hs_err *err);
/* Adds a payload file whose bytes are in the file src (a spool file that must stay as it
 * is until arc_bag_write): its checksum is taken now, reading it in pieces, and the zip
 * copies it from disk, so a bag of any size is never held in memory. */
int arc_bag_add_file(arc_bag *b, const char *path, const char *src, int store, hs_err *err);
/* SHA-256 of a payload file added before, or NULL. */
const char *arc_bag_sha256(const arc_bag *b, const char *path);
/* Writes the complete zip to tmp_path and syncs it to disk. */
int arc_bag_write(arc_bag *b, const char *tmp_path, hs_err *err);
/* Renames tmp_path to final_path and syncs the folder: the dossier appears whole. An
 * existing final_path is never replaced: HS_EEXIST, and tmp_path is left for the caller. */
int arc_commit(const char *tmp_path, const char *final_path, hs_err *err);
/* The same, replacing final_path: only for a new version of an archive the caller has read
 * (an append), never for a new dossier. */
int arc_commit_replace(const char *tmp_path, const char *final_path, hs_err *err);

typedef struct arc_reader arc_reader;

int arc_open(const char *zip_path, arc_reader **out, hs_err *err);
void arc_close(arc_reader *r);
/* The bag's top folder name (the dossier code). */
const char *arc_name(const arc_reader *r);
/* Reads a file by its path relative to the bag folder ("data/dossier.json"). *data is
 * malloc'd and NUL-terminated. */
int arc_read(arc_reader *r, const char *path, char **data, size_t *len, hs_err *err);

/* Called once per problem found; msg is one line. */
typedef void (*arc_problem_fn)(void *ud, const char *msg);
/* Checks the bag: bagit.txt, every manifest and tag-manifest checksum, files missing from
 * or not listed in the manifest, Payload-Oxum. Returns the number of problems (0: intact). */
int arc_verify(arc_reader *r, arc_problem_fn fn, void *ud);
/* Calls fn for every line of manifest-sha256.txt (path relative to the bag folder). */
typedef int (*arc_manifest_fn)(void *ud, const char *path, const char *sha256);
int arc_manifest_each(arc_reader *r, arc_manifest_fn fn, void *ud, hs_err *err);
/* Unpacks the bag into dir/<name>/; refuses unsafe member paths. */
int arc_extract(arc_reader *r, const char *dir, hs_err *err);

#endif
