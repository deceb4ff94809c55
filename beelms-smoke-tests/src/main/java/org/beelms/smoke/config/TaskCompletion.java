package org.beelms.smoke.config;

/** Which route marks a task completed. */
public enum TaskCompletion {
    /** Try {@code tasks/{taskId}/complete}; where the route is missing fall back to the curriculum route (a contract deviation). */
    AUTO,
    /** {@code POST /courses/{courseId}/tasks/{taskId}/complete}. */
    TASKS,
    /** {@code POST /courses/{courseId}/curriculum/{itemId}/complete}. */
    CURRICULUM
}
