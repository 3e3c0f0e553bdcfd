package org.losslab.ui;

import javafx.application.ConditionalFeature;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.AmbientLight;
import javafx.scene.Group;
import javafx.scene.PerspectiveCamera;
import javafx.scene.PointLight;
import javafx.scene.SceneAntialiasing;
import javafx.scene.SubScene;
import javafx.scene.control.Label;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.paint.PhongMaterial;
import javafx.scene.shape.CullFace;
import javafx.scene.shape.DrawMode;
import javafx.scene.shape.MeshView;
import javafx.scene.shape.Sphere;
import javafx.scene.shape.TriangleMesh;
import javafx.scene.text.TextAlignment;
import javafx.scene.transform.Rotate;
import org.losslab.viz.LandscapePicture;
import org.losslab.viz.ValueScale;

/**
 * The loss landscape as a surface: a triangle mesh over the (α, β) grid with the loss as height (on the same linear
 * or log scale as the map's colours) and the map's colours as its texture, the optimizer's path as small spheres just
 * above it, the current point as a larger red one. Drag to rotate, scroll to zoom.
 *
 * <p>3-D needs a hardware pipeline; where there is none (software rendering, headless tests) it says so instead.
 */
public final class LandscapeSurface3D extends StackPane {
    /** The grid spans [−SIDE/2, SIDE/2] in scene units; the highest loss is HEIGHT above the lowest. */
    static final double SIDE = 200;
    static final double HEIGHT = 70;
    private static final int TEXTURE = 256;

    private final boolean supported = Platform.isSupported(ConditionalFeature.SCENE3D);
    private final Label notice = new Label();
    private final Group world = new Group();
    private final Group path = new Group();
    private final MeshView surface = new MeshView();
    /** Positive tilt lifts the far edge (+z) of the grid: the camera looks down onto the surface. */
    private final Rotate tilt = new Rotate(35, Rotate.X_AXIS);
    private final Rotate turn = new Rotate(-25, Rotate.Y_AXIS);
    private final PerspectiveCamera camera = new PerspectiveCamera(true);
    private TriangleMesh mesh;
    private double dragX;
    private double dragY;

    public LandscapeSurface3D() {
        setId("landscape-surface");
        setMinSize(0, 0);
        notice.setId("surface-notice");
        notice.setWrapText(true);
        notice.setTextAlignment(TextAlignment.CENTER);
        notice.setMaxWidth(420);
        notice.getStyleClass().add("view-notice");
        setAlignment(Pos.CENTER);
        if (!supported) {
            notice.setText("The 3-D surface needs hardware-accelerated graphics, which this display does not offer. "
                    + "The 2-D map shows the same grid.");
            getChildren().add(notice);
            return;
        }
        surface.setCullFace(CullFace.NONE);
        surface.setDrawMode(DrawMode.FILL);
        world.getChildren().addAll(surface, path);
        world.getTransforms().addAll(tilt, turn);
        AmbientLight ambient = new AmbientLight(Color.gray(0.65));
        PointLight key = new PointLight(Color.gray(0.5));
        key.setTranslateX(-150);
        key.setTranslateY(-400);
        key.setTranslateZ(-300);
        Group root = new Group(world, ambient, key);
        camera.setNearClip(1);
        camera.setFarClip(5000);
        camera.setTranslateZ(-560);
        camera.setFieldOfView(35);
        SubScene scene = new SubScene(root, 10, 10, true, SceneAntialiasing.BALANCED);
        scene.setFill(Color.WHITE);
        scene.setCamera(camera);
        scene.widthProperty().bind(widthProperty());
        scene.heightProperty().bind(heightProperty());
        scene.setManaged(false);
        scene.setOnMousePressed(e -> {
            dragX = e.getSceneX();
            dragY = e.getSceneY();
        });
        scene.setOnMouseDragged(e -> {
            turn.setAngle(turn.getAngle() + (e.getSceneX() - dragX) * 0.4);
            tilt.setAngle(Math.max(0, Math.min(89, tilt.getAngle() + (e.getSceneY() - dragY) * 0.4)));
            dragX = e.getSceneX();
            dragY = e.getSceneY();
        });
        scene.setOnScroll(e -> camera.setTranslateZ(Math.max(-2000, Math.min(-150,
                camera.getTranslateZ() + e.getDeltaY()))));
        notice.setText("Press Train: the surface appears with the first landscape.");
        getChildren().addAll(scene, notice);
    }

    /** Whether this display can show the surface at all. */
    public boolean isSupported() {
        return supported;
    }

    public String notice() {
        return notice.isVisible() ? notice.getText() : "";
    }

    /** The mesh drawn now, or null (no frame yet, or no 3-D). */
    TriangleMesh mesh() {
        return mesh;
    }

    /** Path spheres drawn now (the last is the current point). */
    int pathMarkers() {
        return path.getChildren().size();
    }

    /** Rebuilds the surface and path from a picture; FX thread. */
    void show(LandscapePicture picture) {
        if (!supported) {
            return;
        }
        if (picture == null) {
            surface.setMesh(null);
            mesh = null;
            path.getChildren().clear();
            notice.setVisible(true);
            return;
        }
        notice.setVisible(false);
        ValueScale scale = picture.scale();
        int n = picture.columns();
        int m = picture.rows();
        double[] losses = picture.losses();
        TriangleMesh next = new TriangleMesh();
        float[] points = new float[n * m * 3];
        float[] tex = new float[n * m * 2];
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < n; i++) {
                int k = j * n + i;
                double v = losses[k];
                double height = Double.isFinite(v) ? scale.fraction(v) : 1;
                points[3 * k] = (float) x(i, n);
                points[3 * k + 1] = (float) (-height * HEIGHT);
                points[3 * k + 2] = (float) z(j, m);
                tex[2 * k] = (float) i / (n - 1);
                tex[2 * k + 1] = 1 - (float) j / (m - 1);
            }
        }
        int[] faces = new int[(n - 1) * (m - 1) * 12];
        int f = 0;
        for (int j = 0; j + 1 < m; j++) {
            for (int i = 0; i + 1 < n; i++) {
                int a = j * n + i;
                int b = a + 1;
                int c = a + n;
                int d = c + 1;
                int[] tri = {a, a, c, c, b, b, b, b, c, c, d, d};
                System.arraycopy(tri, 0, faces, f, 12);
                f += 12;
            }
        }
        next.getPoints().setAll(points);
        next.getTexCoords().setAll(tex);
        next.getFaces().setAll(faces);
        PhongMaterial material = new PhongMaterial(Color.WHITE);
        int[] heat = picture.heatmap(TEXTURE, TEXTURE);
        WritableImage image = new WritableImage(TEXTURE, TEXTURE);
        image.getPixelWriter().setPixels(0, 0, TEXTURE, TEXTURE, PixelFormat.getIntArgbInstance(), heat, 0, TEXTURE);
        material.setDiffuseMap(image);
        material.setSpecularColor(Color.gray(0.15));
        surface.setMaterial(material);
        surface.setMesh(next);
        mesh = next;
        showPath(picture, scale);
    }

    private void showPath(LandscapePicture picture, ValueScale scale) {
        path.getChildren().clear();
        double[] pa = picture.pathAlphas();
        double[] pb = picture.pathBetas();
        double a0 = picture.alphas()[0];
        double a1 = picture.alphas()[picture.columns() - 1];
        double b0 = picture.betas()[0];
        double b1 = picture.betas()[picture.rows() - 1];
        int count = pa.length;
        for (int k = 0; k < count; k++) {
            double loss = picture.lossAt(pa[k], pb[k]);
            if (!Double.isFinite(loss)) {
                continue; // off the grid: no surface to sit on
            }
            boolean current = k == count - 1;
            double age = count == 1 ? 1 : (double) k / (count - 1);
            Sphere s = new Sphere(current ? 4.5 : 1.8);
            // Older steps greyer: opacity on 3-D shapes is unreliable, so the fading is done in colour.
            s.setMaterial(new PhongMaterial(current ? Color.web("#e4572e")
                    : Color.gray(0.55).interpolate(Color.WHITE, age)));
            s.setTranslateX((pa[k] - a0) / (a1 - a0) * SIDE - SIDE / 2);
            s.setTranslateZ((pb[k] - b0) / (b1 - b0) * SIDE - SIDE / 2);
            s.setTranslateY(-scale.fraction(loss) * HEIGHT - (current ? 5 : 2.5));
            path.getChildren().add(s);
        }
    }

    private static double x(int i, int n) {
        return (double) i / (n - 1) * SIDE - SIDE / 2;
    }

    private static double z(int j, int m) {
        return (double) j / (m - 1) * SIDE - SIDE / 2;
    }
}
