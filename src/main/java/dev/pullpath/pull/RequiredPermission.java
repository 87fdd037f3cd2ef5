package dev.pullpath.pull;

/**
 * An action the task execution role must be allowed on a resource for a task to start.
 *
 * @param reason why it is needed, e.g. "pull-through cache import for docker-hub/library/httpd"
 */
public record RequiredPermission(String action, String resource, String reason) {}
