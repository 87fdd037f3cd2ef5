package dev.pullpath.pull;

/**
 * An action the task execution role must be allowed on a resource for a task to start.
 *
 * @param resource the concrete resource the action is checked on, e.g. one log stream
 * @param grantResource what a policy that fixes it should name: the pattern that covers every resource of
 *     this kind the task will touch, e.g. {@code log-group:/ecs/app:*} or {@code repository/docker-hub/*}
 * @param reason why it is needed, e.g. "pull-through cache import of docker-hub/library/httpd"
 */
public record RequiredPermission(String action, String resource, String grantResource, String reason) {}
