// accept: a local record
Object nearest(UvmObject self, Object... args) {
    record Point(int x, int y) {
        int distance() {
            return Math.abs(x) + Math.abs(y);
        }
    }
    List<Point> points = List.of(new Point(3, 4), new Point(-1, 1), new Point(5, -5));
    return points.stream().min(Comparator.comparingInt(Point::distance)).map(Point::toString).orElse("none");
}
