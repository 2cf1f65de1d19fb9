"""The use cases: one method for each thing a user does with the tracker.

A ``Tracker`` is opened on a store and a clock (today's date, asked for when a rule needs
it). Each method takes values already parsed from the user's words, applies the rules,
reads or writes the store, and returns a typed result; it names no command line option.
Anything it refuses is an ``AgreementsError`` with a reason and a fix for the interface
to word. Its methods are in rooms by what they do: reading (``reads``), changing (``writes``), the
terms (``terms``), what was done (``deliveries``), data files (``files``); a command
imports the room it uses, and ``whole.Tracker`` has them all.
"""
