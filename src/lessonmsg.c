/* lessonmsg.c - the lesson engine's words in English and Chinese (see
 * lessonmsg.h). One row per message: the English, then the Chinese. */
#include "lessonmsg.h"

static const char *const kMsg[MSG_COUNT][2] = {
    [MSG_TITLE] = {"== lesson %s: %s ==", "== 第 %s 课：%s =="},
    [MSG_TITLE_EX] = {"== exercise %s: %s ==", "== 练习 %s：%s =="},
    [MSG_END] = {"end of lesson %s", "第 %s 课结束"},
    [MSG_END_N] = {"end of lesson %s: %d of %d exercises passed", "第 %s 课结束：%d/%d 个练习通过"},
    [MSG_END_N1] = {"end of lesson %s: %d of %d exercise passed", "第 %s 课结束：%d/%d 个练习通过"},
    [MSG_END_EX] = {"end of exercise %s", "练习 %s 结束"},
    [MSG_END_EX_N] = {"end of exercise %s: %d of %d passed", "练习 %s 结束：通过 %d/%d"},
    [MSG_NEXT] = {"Next: lesson %d, %s", "下一课：第 %d 课，%s"},
    [MSG_NEXT_EX] = {"Next: exercise e%d, %s", "下一个练习：e%d，%s"},
    [MSG_EXERCISE] = {"exercise %d: ", "练习 %d："},
    [MSG_PAUSE_PROMPT] = {"  -- Enter: go on, q: stop here -- ",
                          "  -- 回车：继续，q：停在这里 -- "},
    [MSG_PAUSED] = {"(lesson %s paused: `lesson next` goes on)",
                    "（第 %s 课暂停了：`lesson next` 接着往下）"},
    [MSG_STOPPED] = {"(lesson %s stopped: `lesson next` goes on)",
                     "（第 %s 课停下了：`lesson next` 接着往下）"},
    [MSG_STOPPED_ERROR] = {"(lesson %s stopped at the error above: `lesson next` tries that "
                           "line again)",
                           "（第 %s 课停在上面的错误处：`lesson next` 再试一次那一行）"},
    [MSG_FORGOT] = {"(%s from before would pass already: removed, so the answer is yours)",
                    "（之前留下的 %s 已经能通过检查：已删除，答案由你来写）"},
    [MSG_YOUR_TURN] = {"Your turn: type your answer, then `check` to test it.",
                       "轮到你了：输入你的答案，再用 `check` 检查。"},
    [MSG_YOUR_TURN_MORE] = {"`hint` helps, `solution` shows the answer, `lesson next` skips.",
                            "`hint` 给提示，`solution` 显示答案，`lesson next` 跳过。"},
    [MSG_CHECKS_MET] = {"%d of %d checks met. ", "满足了 %d/%d 项检查。"},
    [MSG_NOT_YET_HINTS] = {"Change your answer, then `check` again; `hint` gives a hint (%d "
                           "left), `solution` shows the answer.",
                           "改一改答案，再 `check`；`hint` 给一条提示（还有 %d 条），"
                           "`solution` 显示答案。"},
    [MSG_NOT_YET] = {"Change your answer, then `check` again; `solution` shows the answer.",
                     "改一改答案，再 `check`；`solution` 显示答案。"},
    [MSG_WELL_DONE] = {"  well done.", "  做得好。"},
    [MSG_WELL_DONE_ANSWER] = {"  well done. The lesson's answer was:",
                              "  做得好。课程给的答案是："},
    [MSG_HERE_IS_ANSWER] = {"  here is one answer:", "  一种答案："},
    [MSG_LIST_LESSONS] = {"Lessons:", "课程："},
    [MSG_LIST_EXERCISES] = {"Shape-debugging exercises:", "形状调试练习："},
    [MSG_MARK_DONE] = {"done", "已完成"},
    [MSG_MARK_SOME] = {"%d of %d exercises", "练习 %d/%d"},
    [MSG_MARK_BEGUN] = {"begun", "已开始"},
    [MSG_LIST_FROM] = {"(read from %s)", "（读自 %s）"},
    [MSG_LIST_WAITING] = {"An exercise is waiting: `check` tests your answer, `hint` helps, "
                          "`lesson next` skips it.",
                          "有一个练习在等你：`check` 检查答案，`hint` 给提示，"
                          "`lesson next` 跳过。"},
    [MSG_LIST_PAUSED] = {"A lesson is paused: `lesson next` goes on.",
                         "有一课暂停了：`lesson next` 接着往下。"},
    [MSG_LIST_START] = {"`lesson 1` starts the first lesson, `lesson e1` the first exercise.",
                        "`lesson 1` 开始第一课，`lesson e1` 开始第一个练习。"},
    [MSG_NONE_ACTIVE] = {"No lesson in progress: `lesson` lists them, `lesson 1` starts the "
                         "first.",
                         "现在没有进行中的课：`lesson` 列出所有课，`lesson 1` 开始第一课。"},
    [MSG_STOP] = {"Lesson %s stopped.", "第 %s 课已停止。"},
    [MSG_NO_EXERCISE] = {"No exercise is waiting for an answer: `lesson` lists the lessons.",
                         "现在没有等待答案的练习：`lesson` 列出所有课。"},
    [MSG_HINT] = {"  hint %d of %d: ", "  提示 %d/%d："},
    [MSG_NO_MORE_HINTS] = {"no more hints: `solution` shows the answer.",
                           "没有更多提示了：`solution` 显示答案。"},
    [MSG_NO_HINTS] = {"this exercise has no hints: `solution` shows the answer.",
                      "这个练习没有提示：`solution` 显示答案。"},
    [MSG_SOLUTION] = {"  the answer:", "  答案："},
    [MSG_SOLUTION_NEXT] = {"type it (or your own), then `check`; `lesson next` runs it and goes "
                           "on.",
                           "输入它（或你自己的写法），再 `check`；`lesson next` "
                           "运行它并继续。"},
};

const char *lessonmsg(LessonLang lang, LessonMsg id) {
    if ((int)id < 0 || id >= MSG_COUNT) return "";
    const char *m = kMsg[id][lang == LANG_ZH ? 1 : 0];
    return m ? m : kMsg[id][0] ? kMsg[id][0] : "";
}
