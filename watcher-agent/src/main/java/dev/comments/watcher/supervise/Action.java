package dev.comments.watcher.supervise;

/**
 * What {@link Child} does on a transition, in two parts: how the process ends (if it does),
 * then what comes next. Named for the table in {@link Transitions} and ADR 003.
 */
enum Action {
    /** Empty the scratch folder, start the process, write its pid file. */
    LAUNCH(End.NONE, Then.LAUNCH),
    /** Log {@code child-ready}: the next child may start. */
    ANNOUNCE_READY(End.NONE, Then.ANNOUNCE_READY),
    /** The process is already gone: count a restart and wait its backoff (or fail). */
    BACK_OFF(End.GONE, Then.COUNT_RESTART),
    /** kill -9 of the tree (a hung process may not even be scheduled), then as {@link #BACK_OFF}. */
    KILL_AND_BACK_OFF(End.KILL, Then.COUNT_RESTART),
    /** SIGTERM, grace, SIGKILL of the tree, then as {@link #BACK_OFF}. */
    STOP_AND_BACK_OFF(End.TERMINATE, Then.COUNT_RESTART),
    /** SIGTERM, grace, SIGKILL of the tree, started again at the next tick; no restart counted. */
    STOP_AND_RESTART(End.TERMINATE, Then.RESTART_NOW),
    /** Log {@code child-failed}; the next start after the policy's {@code failedRetry}. */
    RETRY_LATER(End.NONE, Then.RETRY_LATER),
    /** The process is already gone: log {@code child-gave-up}, never start it again. */
    GIVE_UP(End.GONE, Then.GIVE_UP),
    /** SIGTERM, grace, SIGKILL of the tree: the watcher stops. */
    STOP(End.TERMINATE, Then.NOTHING_MORE),
    /** Nothing runs and nothing is to be done. */
    NOTHING(End.NONE, Then.NOTHING_MORE);

    /** How the process ends. */
    enum End { NONE, GONE, KILL, TERMINATE }

    /** What follows. */
    enum Then { LAUNCH, ANNOUNCE_READY, COUNT_RESTART, RESTART_NOW, RETRY_LATER, GIVE_UP, NOTHING_MORE }

    final End end;
    final Then then;

    Action(End end, Then then) {
        this.end = end;
        this.then = then;
    }
}
