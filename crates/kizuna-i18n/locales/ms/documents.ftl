# documents: printable timetables, participant lists, attendance sheets, calendars and downloads
