/// The name ``Pipeline`` had before the stages were named; kept so that code written against it builds.
public typealias SiteBuilder = Pipeline
