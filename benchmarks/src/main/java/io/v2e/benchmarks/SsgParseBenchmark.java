package io.v2e.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javax.xml.stream.XMLInputFactory;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import com.ctc.wstx.stax.WstxInputFactory;

import io.v2e.ssg.api.ParseResult;
import io.v2e.ssg.api.SsgParser;
import io.v2e.ssg.embedded.EmbeddedSsgParser;

/**
 * The SSG parser (noop provider, default settings) vs a bare Woodstox token scan (the same scan
 * as the ssg section: every token read, start elements counted) of the same file, one whole file
 * per operation. The file is a mid-size installed data stream, or the vendored sample when the
 * corpus is not installed ({@link #file(String)}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SsgParseBenchmark {

    /** ssg-eks-ds.xml (0.84 MB) is the median-size data stream of ssg-debian + ssg-applications. */
    @Param({"ssg-eks-ds.xml"})
    public String stream;

    /** The parser's tuning provider; run.sh measures noop (no hints) only. */
    @Param({"noop"})
    public String tuning;

    private Path file;
    private SsgParser parser;
    private XMLInputFactory bare;

    @Setup
    public void setUp() throws Exception {
        file = file(stream);
        parser = SsgMemoryProbe.parser(Providers.create(tuning), false);
        bare = new WstxInputFactory();
        bare.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        bare.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    /** The installed data stream of that name, else the vendored sample (ssg-chromium-ds.xml). */
    static Path file(String stream) throws Exception {
        Path installed = SsgSection.CORPUS.resolve(stream);
        return Files.isRegularFile(installed) ? installed : EmbeddedSsgParser.vendoredSample();
    }

    @Benchmark
    public ParseResult ssgParser() throws Exception {
        return parser.parse(file);
    }

    @Benchmark
    public long woodstoxBareScan() throws Exception {
        return SsgSection.scan(bare, file);
    }
}
