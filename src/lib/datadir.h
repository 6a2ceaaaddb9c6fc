/*
 * Where runtime data (share/samling) lives:
 *   1. $SAMLING_DATADIR, when set;
 *   2. ../share/samling beside the executable (so bin/ works uninstalled);
 *   3. the compiled-in DATADIR (PREFIX/share/samling).
 */
#ifndef SAMLING_DATADIR_H
#define SAMLING_DATADIR_H

/* The data directory, or NULL if none exists (message printed). */
const char *datadir(void);
/* datadir()/rel into a malloc'd string, or NULL. */
char *datadir_path(const char *rel);

#endif
