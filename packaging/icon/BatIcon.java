import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Draws the BAT OS Workbench icon — a bat across a pale moon on a night-blue tile — with Java2D, at
 * every size the Linux desktop asks for, so the committed PNGs can be regenerated exactly:
 * {@code java -Djava.awt.headless=true packaging/icon/BatIcon.java images/icons}.
 *
 * <p>Each size is drawn from the vector shapes (not scaled down from 256 px), so small icons stay sharp.
 */
public final class BatIcon {
    static final int[] SIZES = {16, 24, 32, 48, 64, 128, 256, 512};

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "images/icons");
        Files.createDirectories(dir);
        for (int size : SIZES) {
            ImageIO.write(draw(size), "png", dir.resolve("batos-" + size + ".png").toFile());
        }
        ImageIO.write(draw(256), "png", dir.resolve("batos.png").toFile());
        System.out.println("icons written to " + dir);
    }

    /** The icon at {@code size} px; everything is laid out on a 256-unit square. */
    static BufferedImage draw(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.scale(size / 256.0, size / 256.0);

        // The tile: a rounded square, night blue, lighter at the top.
        RoundRectangle2D tile = new RoundRectangle2D.Double(8, 8, 240, 240, 56, 56);
        g.setPaint(new GradientPaint(0, 8, new Color(0x27, 0x3c, 0x6b), 0, 248, new Color(0x0d, 0x14, 0x2b)));
        g.fill(tile);

        // The moon, with a soft glow.
        g.setPaint(new RadialGradientPaint(128, 124, 104, new float[] {0f, 0.78f, 1f},
                new Color[] {new Color(0xff, 0xe9, 0x8a), new Color(0xf6, 0xc9, 0x4b), new Color(0xf6, 0xc9, 0x4b, 0)}));
        g.fill(new Ellipse2D.Double(24, 20, 208, 208));
        g.setPaint(new Color(0xfb, 0xd8, 0x5d));
        g.fill(new Ellipse2D.Double(40, 36, 176, 176));

        // The bat.
        // The bat, a little smaller than its drawing so the wing tips stay on the moon's glow.
        g.setPaint(new Color(0x10, 0x12, 0x1c));
        AffineTransform batPlace = new AffineTransform();
        batPlace.translate(128, 132);
        batPlace.scale(0.9, 0.9);
        batPlace.translate(-128, -134);
        g.fill(batPlace.createTransformedShape(bat()));

        // A thin rim keeps the tile readable on dark panels.
        g.setStroke(new BasicStroke(4f));
        g.setPaint(new Color(255, 255, 255, 40));
        g.draw(new RoundRectangle2D.Double(10, 10, 236, 236, 52, 52));
        g.dispose();
        return image;
    }

    /** A bat seen from below, wings spread, symmetric about x = 128. */
    static Path2D bat() {
        // Right half, from the top of the head clockwise to the tail; the left half mirrors it.
        double[][] right = {
            // x, y, and for curves the control point (cx, cy); NaN = straight line
            {128, 104, Double.NaN, Double.NaN},
            {134, 104, Double.NaN, Double.NaN},
            {141, 84, Double.NaN, Double.NaN},   // ear tip
            {147, 108, Double.NaN, Double.NaN},
            {160, 112, Double.NaN, Double.NaN},  // shoulder
            {236, 98, 196, 82},                  // the wing's leading edge, up to its tip
            {216, 146, 222, 118},                // the outer finger
            {190, 140, 206, 130},                // scallop
            {168, 166, 174, 144},                // scallop
            {146, 158, 158, 152},                // scallop
            {128, 184, 134, 164},                // down to the tail
        };
        Path2D path = new Path2D.Double();
        path.moveTo(right[0][0], right[0][1]);
        for (int i = 1; i < right.length; i++) {
            segment(path, right[i], right[i][0], right[i][1]);
        }
        // Back up the left side: mirror each segment in reverse order.
        for (int i = right.length - 1; i >= 1; i--) {
            double[] to = right[i - 1];
            segment(path, right[i], 256 - to[0], to[1], true);
        }
        path.closePath();
        return path;
    }

    private static void segment(Path2D path, double[] spec, double x, double y) {
        if (Double.isNaN(spec[2])) {
            path.lineTo(x, y);
        } else {
            path.quadTo(spec[2], spec[3], x, y);
        }
    }

    private static void segment(Path2D path, double[] spec, double x, double y, boolean mirrored) {
        if (Double.isNaN(spec[2])) {
            path.lineTo(x, y);
        } else {
            path.quadTo(256 - spec[2], spec[3], x, y);
        }
    }
}
