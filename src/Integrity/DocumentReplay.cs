using JasperFx.Events;
using Marten;
using Marten.Events;

namespace Sanzi.Integrity;

/// <summary>
/// The documents decisions read instead of replaying their streams (the inline snapshots: unit books,
/// items, reforms). Their rows are not hashed, so verify rebuilds each from its events and names any
/// document that differs: an edited balance would otherwise let a payment through. The events are the
/// ones verify's events phase reads anyway (<see cref="StreamReplay"/>), so the log is read once.
/// </summary>
public sealed class DocumentReplay
{
    private readonly List<Func<IDocumentStore, DocumentKind>> _kinds = [];

    /// <summary>Replays every <typeparamref name="T"/> document (an inline snapshot keyed by its stream id) on verify.</summary>
    public DocumentReplay Add<T>() where T : class
    {
        _kinds.Add(store => new DocumentKind<T>(store));
        return this;
    }

    /// <summary>What one verification of one database needs: the kinds bound to the store, and its count.</summary>
    internal Run Start(IDocumentStore store, string? tenant) => new(_kinds, store, tenant);

    internal sealed class Run
    {
        private readonly Dictionary<string, EventReader>.AlternateLookup<ReadOnlySpan<char>> _byName;
        private readonly IDocumentStore _store;
        private readonly string? _tenant;
        private long _checked;

        public Run(IEnumerable<Func<IDocumentStore, DocumentKind>> kinds, IDocumentStore store, string? tenant)
        {
            var options = (StoreOptions)store.Options;
            Kinds = kinds.Select(k => k(store)).ToList();
            Serializer = options.Serializer();
            _byName = ((EventGraph)options.Events).AllKnownEventTypes().ToDictionary(t => t.EventTypeName, t => EventReader.For(t.EventTypeName, t.EventType))
                .GetAlternateLookup<ReadOnlySpan<char>>();
            (_store, _tenant) = (store, tenant);
        }

        public ISerializer Serializer { get; }
        public IReadOnlyList<DocumentKind> Kinds { get; }
        public long DocumentsChecked => Interlocked.Read(ref _checked);

        public long Counted(int documents) => Interlocked.Add(ref _checked, documents);

        /// <summary>The event type a <c>type</c> column names (its UTF-8, as received); null for a name no event has.</summary>
        public EventReader? EventType(ReadOnlySpan<byte> name)
        {
            Span<char> chars = stackalloc char[Math.Min(name.Length, 256)];
            if (!System.Text.Encoding.UTF8.TryGetChars(name, chars, out var written)) return null;
            return _byName.TryGetValue(chars[..written], out var reader) ? reader : null;
        }

        /// <summary>A session on the database verified, for aggregators that look something up while they apply.</summary>
        public IQuerySession Session() => _tenant is null ? _store.QuerySession() : _store.QuerySession(_tenant);
    }
}

/// <summary>
/// An event type by its stored name, and its body wrapped as the event an aggregator applies (no more: the aggregators
/// read bodies only; the name is kept to say which event a document cannot be rebuilt from). A wrapper applied is
/// taken again for a later event of its type: JasperFx's <c>Event&lt;T&gt;</c> draws a random id for each one made,
/// a system call per event that the aggregators never read.
/// </summary>
internal abstract class EventReader(string name, Type type)
{
    public string Name => name;
    public Type Type => type;

    public static EventReader For(string name, Type type) =>
        (EventReader)Activator.CreateInstance(typeof(EventReader<>).MakeGenericType(type), name)!;

    /// <summary>A wrapper of this type around <paramref name="data"/>: <paramref name="reused"/> if given, else a new one.</summary>
    public abstract IEvent Wrap(object data, IEvent? reused);
}

internal sealed class EventReader<T>(string name) : EventReader(name, typeof(T)) where T : notnull
{
    public override IEvent Wrap(object data, IEvent? reused)
    {
        if (reused is not Event<T> e) return new Event<T>((T)data);
        e.Data = (T)data;
        return e;
    }
}

/// <summary>One kind of replayed document: its table, and its aggregator applied to some of a stream's events at a time.</summary>
internal abstract class DocumentKind
{
    public abstract string Name { get; }
    public abstract string Table { get; }
    public abstract ValueTask<object?> ApplyAsync(IReadOnlyList<IEvent> events, object? state, IQuerySession session, CancellationToken ct);
}

internal sealed class DocumentKind<T> : DocumentKind where T : class
{
    private readonly Func<IReadOnlyList<IEvent>, IQuerySession, T?, CancellationToken, Task<T?>> _build;

    public DocumentKind(IDocumentStore store)
    {
        var aggregator = ((StoreOptions)store.Options).Projections.AggregatorFor<T>();
        _build = async (events, session, snapshot, ct) => await aggregator.BuildAsync(events, session, snapshot, ct);
        Table = store.Options.Schema.For<T>();
    }

    public override string Name => typeof(T).Name;
    public override string Table { get; }

    /// <summary>The aggregator is a left fold, so applying a stream's events a few at a time gives what applying them together does.</summary>
    public override async ValueTask<object?> ApplyAsync(IReadOnlyList<IEvent> events, object? state, IQuerySession session, CancellationToken ct) =>
        await _build(events, session, (T?)state, ct);
}
