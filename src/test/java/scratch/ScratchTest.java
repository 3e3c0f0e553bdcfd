package scratch;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.losslab.analysis.LossShapeProbe;
import org.losslab.analysis.LossShapeProbe.*;

class ScratchTest {
    @Test
    void all() {
        try (LossShapeProbe probe = new LossShapeProbe("pytorch")) {
            for (Candidate c : probe.candidates()) {
                if (!c.drawable()) { System.out.println("HIDDEN " + c.loss().spec().id() + ": " + c.notShownReason()); continue; }
                for (Plot p : c.plots()) {
                    Shape s = probe.compute(new Request(c.loss().spec().id(), p, Map.of()), Settings.defaults());
                    if (!s.ok()) { System.out.println(c.loss().spec().id() + " " + p + " ERROR " + s.error()); continue; }
                    int nan = 0; for (double v : s.loss()) if (!Double.isFinite(v)) nan++;
                    int mid = s.size() / 2;
                    System.out.printf("%s %s n=%d pointwise=%s nan=%d l[0]=%.4f l[mid]=%.4f l[end]=%.4f d[0]=%.4f d[mid]=%.4f d[end]=%.4f%n",
                        c.loss().spec().id(), p, s.size(), s.pointwise(), nan, s.loss()[0], s.loss()[mid], s.loss()[s.size()-1], s.derivative()[0], s.derivative()[mid], s.derivative()[s.size()-1]);
                }
            }
        }
    }
}
