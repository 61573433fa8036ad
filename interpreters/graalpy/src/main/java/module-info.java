/*
 * The ladder's GraalPy launcher as a Java module: GraalPy's jars are modules
 * on the module path (the layout the GraalVM embedding guide recommends), and
 * a named module reads them without the class-path fallback.
 */
module ladder.graalpy {
    requires org.graalvm.polyglot;
}
