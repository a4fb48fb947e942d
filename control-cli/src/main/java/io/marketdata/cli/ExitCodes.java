package io.marketdata.cli;

/** The process exit codes of control-cli; listed in every command's help and in the README. */
public final class ExitCodes {

    /** The collector answered {@code success: true}. */
    public static final int OK = 0;
    /** The collector answered {@code success: false} (or its answer could not be read). */
    public static final int COLLECTOR_ERROR = 1;
    /** Wrong options or arguments (picocli's usage-error code). */
    public static final int USAGE = 2;
    /** No matching answer within {@code --timeout} (error code {@code timeout}). */
    public static final int TIMEOUT = 3;
    /** RabbitMQ unreachable (connection, login, vhost) or the control queue does not exist. */
    public static final int UNAVAILABLE = 4;

    private ExitCodes() {
    }
}
