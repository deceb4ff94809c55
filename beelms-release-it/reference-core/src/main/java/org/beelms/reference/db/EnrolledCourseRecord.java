package org.beelms.reference.db;

/** A course a user is enrolled in, with how much of its curriculum the user completed. */
public record EnrolledCourseRecord(CourseRecord course, String enrolledAt, int totalItems, int completedItems) {
}
