/* lessonmsg.h - the words the lesson engine says to the learner, in
 * English and Simplified Chinese. The lessons' own text is in the lesson
 * files; these are the engine's frames around it (titles, turns, hints).
 * Some are printf formats: the comment in lessonmsg.c's table names their
 * arguments, the same in both languages.
 */
#ifndef NNSH_LESSONMSG_H
#define NNSH_LESSONMSG_H

typedef enum LessonLang { LANG_EN, LANG_ZH } LessonLang;

typedef enum LessonMsg {
    MSG_TITLE,    /* %s id, %s title */
    MSG_TITLE_EX, /* %s id, %s title */
    MSG_END,      /* %s id */
    MSG_END_N,    /* %s id, %d passed, %d exercises */
    MSG_END_N1,   /* %s id, %d passed, %d (1) exercise */
    MSG_END_EX,   /* %s id */
    MSG_END_EX_N, /* %s id, %d passed, %d exercises */
    MSG_NEXT,     /* %d number, %s title */
    MSG_NEXT_EX,  /* %d number, %s title */
    MSG_EXERCISE, /* %d number */
    MSG_PAUSE_PROMPT,
    MSG_PAUSED,        /* %s id */
    MSG_STOPPED,       /* %s id */
    MSG_STOPPED_ERROR, /* %s id */
    MSG_FORGOT,        /* %s names */
    MSG_YOUR_TURN,
    MSG_YOUR_TURN_MORE,
    MSG_CHECKS_MET,    /* %d met, %d checks (when there are several) */
    MSG_NOT_YET_HINTS, /* %d hints left */
    MSG_NOT_YET,
    MSG_WELL_DONE,
    MSG_WELL_DONE_ANSWER,
    MSG_HERE_IS_ANSWER,
    MSG_LIST_LESSONS,
    MSG_LIST_EXERCISES,
    MSG_MARK_DONE,
    MSG_MARK_SOME, /* %d passed, %d exercises */
    MSG_MARK_BEGUN,
    MSG_LIST_FROM, /* %s folder */
    MSG_LIST_WAITING,
    MSG_LIST_PAUSED,
    MSG_LIST_START,
    MSG_NONE_ACTIVE,
    MSG_STOP, /* %s id */
    MSG_NO_EXERCISE,
    MSG_HINT, /* %d hint number, %d hints */
    MSG_NO_MORE_HINTS,
    MSG_NO_HINTS,
    MSG_SOLUTION,
    MSG_SOLUTION_NEXT,
    MSG_COUNT
} LessonMsg;

/* lessonmsg: the text of message `id` in `lang` (static; never NULL). */
const char *lessonmsg(LessonLang lang, LessonMsg id);

#endif
