package dev.workflowguard.render;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Unpacks a `.tgz` chart (what `helm package` writes: gzip, then ustar/GNU tar) into a folder.
 * Only regular files and folders are written; entries that would land outside the folder,
 * links and devices are refused, and the total size is bounded.
 */
final class TarGz {

    private static final long MAX_TOTAL = 256L * 1024 * 1024;

    private TarGz() {}

    /**
     * Unpacks a chart archive.
     *
     * @param shown the archive as messages name it (as configured, relative to the project)
     */
    static void extract(Path archive, String shown, Path into) throws IOException, RenderException {
        Path root = into.toAbsolutePath().normalize();
        long total = 0;
        try (InputStream in = new BufferedInputStream(new GZIPInputStream(Files.newInputStream(archive)))) {
            byte[] header = new byte[512];
            String longName = null;
            while (readFully(in, header)) {
                if (isZero(header)) {
                    break;
                }
                String name = longName != null ? longName : name(header);
                longName = null;
                long size = octal(header, 124, 12);
                char type = (char) header[156];
                if (type == 'L') {
                    byte[] data = in.readNBytes((int) Math.min(size, 1 << 16));
                    skip(in, padding(size) + size - data.length);
                    longName = new String(data, StandardCharsets.UTF_8).replace("\0", "");
                    continue;
                }
                total += size;
                if (total > MAX_TOTAL) {
                    throw new RenderException(shown + " unpacks to more than " + MAX_TOTAL + " bytes");
                }
                Path target = root.resolve(name).normalize();
                if (!target.startsWith(root)) {
                    throw new RenderException(shown + " holds an entry that leads outside the chart: " + name);
                }
                if (type == '5') {
                    Files.createDirectories(target);
                } else if (type == '0' || type == '\0' || type == '7') {
                    Files.createDirectories(target.getParent());
                    try (var out = Files.newOutputStream(target)) {
                        long left = size;
                        byte[] buffer = new byte[8192];
                        while (left > 0) {
                            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                            if (read < 0) {
                                throw new RenderException(shown + " ends in the middle of " + name);
                            }
                            out.write(buffer, 0, read);
                            left -= read;
                        }
                    }
                    skip(in, padding(size));
                } else if (type == 'x' || type == 'g') {
                    skip(in, size + padding(size)); // pax headers: names are short in Helm charts
                } else {
                    throw new RenderException(
                            shown + " holds a link or special file, which a chart never needs: " + name);
                }
            }
        } catch (EOFException e) {
            throw new RenderException(shown + " is empty or cut short: not a complete gzip-compressed chart archive");
        } catch (ZipException e) {
            throw new RenderException(shown + " is not a gzip-compressed chart archive: " + e.getMessage());
        }
    }

    private static String name(byte[] header) {
        String name = text(header, 0, 100);
        String prefix = text(header, 345, 155);
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String text(byte[] bytes, int offset, int length) {
        int end = offset;
        while (end < offset + length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] bytes, int offset, int length) {
        String text = text(bytes, offset, length).trim();
        return text.isEmpty() ? 0 : Long.parseLong(text, 8);
    }

    private static long padding(long size) {
        return (512 - size % 512) % 512;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean readFully(InputStream in, byte[] block) throws IOException {
        int read = in.readNBytes(block, 0, block.length);
        return read == block.length;
    }

    private static void skip(InputStream in, long bytes) throws IOException {
        long left = bytes;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    return;
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }
}
