import Metrics
public import Prometheus

/// The process-wide Prometheus registry behind swift-metrics.
public enum MetricsBootstrap {
    /// The registry every swift-metrics `Counter`, `Gauge`, `Timer` and `Recorder` of the process
    /// reports to; ``/metrics`` serves its contents.
    ///
    /// The first read bootstraps `MetricsSystem` with a `PrometheusMetricsFactory` over this registry,
    /// exactly once (Swift initialises a static stored property once, thread-safely). Read it before
    /// creating metrics; a process must not bootstrap `MetricsSystem` elsewhere.
    public static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()
}
