// accept: a local interface with a constant
Object shapes(UvmObject self, Object... args) {
    interface Shape {
        double UNIT = 1.0;

        double area();
    }
    record Square(double side) implements Shape {
        public double area() {
            return side * side * UNIT;
        }
    }
    record Circle(double r) implements Shape {
        public double area() {
            return Math.PI * r * r;
        }
    }
    List<Shape> shapes = List.of(new Square(2), new Circle(1));
    return shapes.stream().mapToDouble(Shape::area).sum();
}
