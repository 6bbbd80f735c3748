// accept: java.time arithmetic on a fixed date
Object due(UvmObject self, Object... args) {
    LocalDate start = LocalDate.of(2024, 1, 31);
    int days = args.length > 0 && args[0] instanceof Number n ? n.intValue() : 30;
    LocalDate due = start.plusDays(days);
    Duration shift = Duration.ofHours(36).plusMinutes(15);
    return due + " (" + due.getDayOfWeek() + "), shift " + shift.toMinutes() + " min";
}
