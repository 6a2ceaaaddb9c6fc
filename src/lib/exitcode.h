/* Exit statuses shared by every samling program (see samling(7)). */
#ifndef SAMLING_EXITCODE_H
#define SAMLING_EXITCODE_H

enum {
	EXIT_OK = 0,		/* success */
	EXIT_NEGATIVE = 1,	/* a negative answer: differences, invalid bag */
	EXIT_TROUBLE = 2	/* usage error, unreadable or bad input */
};

#endif
