package io.identity.console;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;
import org.springframework.web.util.HtmlUtils;

/**
 * QR codes drawn on the server (ZXing) as inline SVG, one path of unit squares: no image request, no script, and
 * nothing but our own markup (the text is only in the squares).
 */
final class QrCodes {

    private QrCodes() {}

    static String svg(String text, String label) {
        try {
            var matrix = new QRCodeWriter()
                    .encode(
                            text,
                            BarcodeFormat.QR_CODE,
                            0,
                            0,
                            Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
            var path = new StringBuilder();
            for (var y = 0; y < matrix.getHeight(); y++) {
                for (var x = 0; x < matrix.getWidth(); x++) {
                    if (matrix.get(x, y)) {
                        path.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
                    }
                }
            }
            return "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\""
                    + HtmlUtils.htmlEscape(label) + "\" viewBox=\"0 0 " + matrix.getWidth()
                    + " " + matrix.getHeight() + "\" width=\"220\" height=\"220\" shape-rendering=\"crispEdges\">"
                    + "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path
                    + "\"/></svg>";
        } catch (WriterException e) {
            throw new IllegalArgumentException("too long for a QR code", e);
        }
    }
}
